/**
 * A small number standing for a secret's value, for query keys: answers that depend on a password
 * must be cached per password, but a key is visible in React Query devtools and error reports, so
 * the password itself (or a hash one could brute-force) never goes into it. Equal secrets get the
 * same number while they are remembered; the memory is bounded, and a forgotten secret just gets a
 * fresh number (one extra request, never a wrong answer).
 */
const MAX_REMEMBERED = 32;
const versions = new Map<string, number>();
let counter = 0;

export function secretVersion(secret: string | undefined): number {
  if (!secret) return 0;
  const known = versions.get(secret);
  if (known !== undefined) return known;
  counter += 1;
  if (versions.size >= MAX_REMEMBERED) versions.delete(versions.keys().next().value as string);
  versions.set(secret, counter);
  return counter;
}
