import { lineIndexOfByte, type OutputLine } from "./outputBuffer";

/**
 * What keeps the text in view still while windows come and go above it ("load earlier" adds
 * lines before, the memory cap drops the oldest): the byte offset of the first visible line and
 * how far its top sits from the viewport's top. Lines move index, bytes do not.
 */
export interface ScrollAnchor {
  at: number;
  /** Pixels from the viewport's top to the line's top (≤ 0 when the line is partly scrolled past). */
  delta: number;
}

/**
 * The anchor for the current scroll position, from every row's top and bottom (sorted, as the
 * virtualizer measures them): found by bisection, since a jump may land far from rendered rows.
 */
export function anchorAt(lines: readonly OutputLine[], rows: readonly { index: number; start: number; end: number }[], scrollTop: number): ScrollAnchor | undefined {
  let lo = 0;
  let hi = rows.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.end > scrollTop) {
      found = mid;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  const row = rows[found];
  const line = row && lines[row.index];
  return row && line ? { at: line.at, delta: row.start - scrollTop } : undefined;
}

/**
 * The scrollTop that shows the anchored line where it was, after the lines changed; undefined
 * when the anchored bytes are no longer loaded (the view then stays where the browser puts it).
 */
export function anchoredScrollTop(lines: readonly OutputLine[], anchor: ScrollAnchor, startOf: (index: number) => number | undefined): number | undefined {
  const index = lineIndexOfByte(lines, anchor.at);
  if (index === -1) return undefined;
  const start = startOf(index);
  return start === undefined ? undefined : Math.max(0, start - anchor.delta);
}
