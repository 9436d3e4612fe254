/**
 * The soak's arithmetic, kept pure so it is tested: which requests fell in the restart window,
 * and how the rest ended.
 */

/** One request the soak sent through the BFF: when it started and ended (ms since the soak began), and how it ended. */
export interface RequestSample {
  kind: string;
  startMs: number;
  endMs: number;
  /** The HTTP status, or "network" when no answer came. */
  status: number | "network";
}

export const failed = (s: RequestSample) => s.status === "network" || s.status >= 400;

/** From the kill to the moment the restarted emulator answered again (ms since the soak began). */
export interface RestartWindow {
  startMs: number;
  endMs: number;
}

/** A request belongs to the window when it was in flight at any time during it (sent before the kill and answered after counts). */
export const overlaps = (s: RequestSample, w: RestartWindow): boolean =>
  s.startMs < w.endMs && s.endMs >= w.startMs;

/** Counts of failed requests by status: those that overlap the window, and the rest (the goal is none). */
export function errorsByStatus(samples: RequestSample[], window: RestartWindow) {
  const count = (list: RequestSample[]) => {
    const byStatus: Record<string, number> = {};
    for (const s of list) byStatus[String(s.status)] = (byStatus[String(s.status)] ?? 0) + 1;
    return byStatus;
  };
  const errors = samples.filter(failed);
  return {
    outside: count(errors.filter((s) => !overlaps(s, window))),
    inside: count(errors.filter((s) => overlaps(s, window))),
  };
}

/** "none" or "502 × 3, network × 1". */
export const formatCounts = (counts: Record<string, number>): string =>
  Object.keys(counts).length === 0
    ? "none"
    : Object.entries(counts)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([status, n]) => `${status} × ${n}`)
        .join(", ");
