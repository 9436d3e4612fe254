/** A long task as the Long Tasks API reports it (ms from navigation start). */
export interface LongTask {
  start: number;
  duration: number;
}

/**
 * When the page became interactive: the data was on screen and, from then on, the main thread
 * stayed free of long tasks (≥ 50 ms) for `quietMs` (a TTI-style quiet window, without TTI's
 * network condition). That is the end of the last long task that ends before such a window, or
 * `renderedAt` when none follows it. Undefined while the window after the last long task is not
 * yet over at `observedUntil`: the caller must keep watching rather than report too early.
 */
export const interactiveAt = (renderedAt: number, longTasks: readonly LongTask[], quietMs: number, observedUntil: number): number | undefined => {
  let candidate = renderedAt;
  const sorted = [...longTasks].sort((a, b) => a.start - b.start);
  for (const task of sorted) {
    const end = task.start + task.duration;
    if (end <= candidate) continue;
    // A task starting within the quiet window (or overlapping the candidate) pushes it to its end.
    if (task.start < candidate + quietMs) candidate = end;
    else break;
  }
  return observedUntil >= candidate + quietMs ? candidate : undefined;
};
