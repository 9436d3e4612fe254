/** ISO-8601 durations as Batch uses them (PT15M, P7D, P10675199DT2H48M5.4775807S = "infinite"). */

export const INFINITE_DURATION = "P10675199DT2H48M5.4775807S";

const PATTERN =
  /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds, or undefined when the text is not a day/time ISO-8601 duration. */
export function parseDuration(text: string): number | undefined {
  const m = PATTERN.exec(text);
  if (!m || text === "P" || text.endsWith("T")) return undefined;
  const [, d, h, min, s] = m;
  const n = (v: string | undefined) => (v ? Number(v) : 0);
  return ((n(d) * 24 + n(h)) * 60 + n(min)) * 60_000 + n(s) * 1000;
}

/** Durations at or above this are treated as "no limit" (timers cannot hold them anyway). */
export const isEffectivelyInfinite = (ms: number): boolean => ms >= 2 ** 31 - 1;

/** Format milliseconds as PT…S (used for statistics). */
export const formatDuration = (ms: number): string =>
  `PT${(Math.max(0, ms) / 1000).toFixed(3).replace(/\.?0+$/, "")}S`;
