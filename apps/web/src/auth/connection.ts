/**
 * Whether the BFF (and what it needs: Batch, ARM) currently answers, as the API client sees it.
 * A request that gets no answer at all, or a 502/503/504 (the BFF could not reach its upstream,
 * or a proxy could not reach the BFF), marks it unreachable; any other answer — a 4xx included:
 * someone answered — marks it reachable again. The shell shows "reconnecting" meanwhile.
 */
export interface Connection {
  reachable(): boolean;
  /** Calls `listener` on every change; returns the unsubscribe (useSyncExternalStore's shape). */
  subscribe(listener: () => void): () => void;
  /** What a request learned: the status it got, or "no-answer" when fetch itself failed. */
  report(outcome: number | "no-answer"): void;
}

const UNREACHABLE_STATUSES = new Set([502, 503, 504]);

export const meansUnreachable = (outcome: number | "no-answer"): boolean =>
  outcome === "no-answer" || UNREACHABLE_STATUSES.has(outcome);

export function createConnection(): Connection {
  let reachable = true;
  const listeners = new Set<() => void>();
  return {
    reachable: () => reachable,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    report(outcome) {
      const next = !meansUnreachable(outcome);
      if (next === reachable) return;
      reachable = next;
      for (const l of listeners) l();
    },
  };
}
