/**
 * Cell size for the node heatmap: as large as fits (up to 24 px) for a few nodes, down to 2 px so
 * that tens of thousands of nodes still fit in a bounded height — no node cap, unlike Batch
 * Explorer's 2,500.
 */
export interface HeatmapLayout {
  cell: number;
  gap: number;
  columns: number;
  rows: number;
  height: number;
}

export function heatmapLayout(count: number, width: number, maxHeight = 320): HeatmapLayout {
  const w = Math.max(width, 1);
  for (let cell = 24; cell >= 2; cell--) {
    const gap = cell >= 8 ? 2 : cell >= 4 ? 1 : 0;
    const columns = Math.max(1, Math.floor((w + gap) / (cell + gap)));
    const rows = Math.max(1, Math.ceil(count / columns));
    const height = rows * (cell + gap) - gap;
    if (height <= maxHeight || cell === 2) return { cell, gap, columns, rows, height: Math.max(height, cell) };
  }
  throw new Error("unreachable");
}

/** Which node index a point hits, or undefined when it falls in a gap or past the last node. */
export function hitTest(layout: HeatmapLayout, count: number, x: number, y: number): number | undefined {
  const step = layout.cell + layout.gap;
  const col = Math.floor(x / step);
  const row = Math.floor(y / step);
  if (col < 0 || col >= layout.columns || row < 0) return undefined;
  if (x - col * step >= layout.cell || y - row * step >= layout.cell) return undefined;
  const index = row * layout.columns + col;
  return index < count ? index : undefined;
}
