/**
 * Where a window may start. A byte range chosen by arithmetic can begin inside a multi-byte UTF-8
 * character (shown as U+FFFD) or inside an escape sequence (its tail, e.g. "1;31m", shown as
 * text). Ranges are therefore read with a few bytes of look-behind, and the window starts at the
 * first byte at or after the wanted offset that begins neither a continuation byte nor the rest
 * of an escape sequence. Windows then meet at such boundaries, so nothing is ever cut in two.
 */
const ESC = 0x1b;
const BEL = 0x07;

/** Bytes read before a window's wanted start to see whether it falls inside a sequence. */
export const LOOK_BEHIND = 64;

/** Longest escape sequence we follow past the wanted start; anything longer is not a terminal's. */
const MAX_SEQUENCE = 256;

/** Index just after the escape sequence starting at `esc`, or -1 when it is not finished within `bytes`. */
function sequenceEnd(bytes: Uint8Array, esc: number): number {
  const kind = bytes[esc + 1];
  if (kind === undefined) return -1;
  const limit = Math.min(bytes.length, esc + MAX_SEQUENCE);
  if (kind === 0x5b) {
    // CSI: parameters and intermediates, then one final byte in 0x40–0x7e.
    for (let j = esc + 2; j < limit; j++) if (bytes[j]! >= 0x40 && bytes[j]! <= 0x7e) return j + 1;
    return -1;
  }
  if (kind === 0x5d) {
    // OSC: ends with BEL or ST (ESC \).
    for (let j = esc + 2; j < limit; j++) {
      if (bytes[j] === BEL) return j + 1;
      if (bytes[j] === ESC && bytes[j + 1] === 0x5c) return j + 2;
    }
    return -1;
  }
  return esc + 2; // a two-byte escape such as ESC c
}

/**
 * The index in `bytes` where a window that should start at `wanted` actually starts: `bytes`
 * holds the look-behind [0, wanted) followed by the window's own bytes.
 */
export function safeStart(bytes: Uint8Array, wanted: number): number {
  let at = Math.min(wanted, bytes.length);
  // The last ESC before the wanted start: does its sequence run past it?
  const esc = bytes.subarray(0, at).lastIndexOf(ESC);
  if (esc !== -1) {
    const end = sequenceEnd(bytes, esc);
    if (end > at) at = end;
  }
  // UTF-8 continuation bytes (10xxxxxx) belong to a character that started before.
  for (let n = 0; n < 3 && at < bytes.length && (bytes[at]! & 0xc0) === 0x80; n++) at++;
  return at;
}
