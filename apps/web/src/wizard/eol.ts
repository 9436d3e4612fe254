import { END_OF_LIFE_SOON_DAYS } from "@batch-studio/shared";

/** End-of-life state of a Batch-supported image, for the badge next to it. */
export type EolStatus = { kind: "none" } | { kind: "past"; date: string } | { kind: "soon"; date: string } | { kind: "later"; date: string };

const SOON_MS = END_OF_LIFE_SOON_DAYS * 24 * 3600 * 1000;

export function eolStatus(endOfLife: string | undefined, now: Date = new Date()): EolStatus {
  if (!endOfLife) return { kind: "none" };
  const t = Date.parse(endOfLife);
  if (Number.isNaN(t)) return { kind: "none" };
  const date = new Date(t).toISOString().slice(0, 10);
  if (t <= now.getTime()) return { kind: "past", date };
  if (t - now.getTime() < SOON_MS) return { kind: "soon", date };
  return { kind: "later", date };
}
