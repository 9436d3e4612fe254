import { lineIndexOfByte, type OutputLine } from "./outputBuffer";

/**
 * A place in an output file that a URL can point at. Byte offsets work in a file of any size, at
 * once, whatever is loaded; line numbers are only known once the file is read from its start, so
 * the viewer hands out #L links only for lines it has numbered and #b links for all others.
 */
export type OutputTarget = { kind: "line"; line: number } | { kind: "byte"; offset: number };

/** `#L120`, `#b=52344`, and `#line-120` (the viewer's earlier link form, still honoured). */
export function parseOutputHash(hash: string): OutputTarget | undefined {
  const line = /^#(?:L|line-)(\d{1,15})$/.exec(hash);
  if (line) {
    const n = Number(line[1]);
    return n >= 1 ? { kind: "line", line: n } : undefined;
  }
  const byte = /^#b=(\d{1,15})$/.exec(hash);
  return byte ? { kind: "byte", offset: Number(byte[1]) } : undefined;
}

export function outputHash(t: OutputTarget): string {
  return t.kind === "line" ? `#L${t.line}` : `#b=${t.offset}`;
}

/** The link a shown line hands out: by number when it has one, else by its first byte. */
export function targetOfLine(line: OutputLine): OutputTarget {
  return line.number !== undefined ? { kind: "line", line: line.number } : { kind: "byte", offset: line.at };
}

/** Index of the target's line among the shown lines, or -1 when it is not loaded (callers check bytes against the window). */
export function indexOfTarget(lines: readonly OutputLine[], t: OutputTarget): number {
  if (t.kind === "byte") return lineIndexOfByte(lines, t.offset);
  const first = lines.findIndex((l) => l.number !== undefined);
  if (first === -1) return -1;
  const i = first + (t.line - lines[first]!.number!);
  return i >= 0 && i < lines.length && lines[i]!.number === t.line ? i : -1;
}
