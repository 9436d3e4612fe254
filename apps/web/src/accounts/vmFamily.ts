/** "standardDSv3Family" → "DSv3" (the name people use; the full one stays in the tooltip). */
export function familyLabel(family: string): string {
  const m = /^standard(.+?)Family$/i.exec(family);
  return m ? m[1]! : family;
}
