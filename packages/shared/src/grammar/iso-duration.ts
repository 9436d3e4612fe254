/**
 * ISO-8601 durations as Batch accepts them for resizeTimeout, maxWallClockTime and retentionTime.
 * Years and months have no fixed length, so they are refused rather than guessed.
 */
const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Milliseconds, or undefined when `text` is not a day/time ISO-8601 duration ("PT15M", "P1DT2H"). */
export const parseIsoDuration = (text: string): number | undefined => {
  const match = DURATION.exec(text);
  if (!match || text === "P" || text.endsWith("T")) return undefined;
  const [, weeks, days, hours, minutes, seconds] = match;
  const n = (part: string | undefined): number => (part === undefined ? 0 : Number(part));
  const ms =
    n(weeks) * 7 * DAY +
    n(days) * DAY +
    n(hours) * HOUR +
    n(minutes) * MINUTE +
    Math.round(n(seconds) * SECOND);
  return Number.isFinite(ms) ? ms : undefined;
};

/** The shortest ISO-8601 form: 900000 -> "PT15M", 93784000 -> "P1DT2H3M4S", 0 -> "PT0S". */
export const formatIsoDuration = (ms: number): string => {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot format ${ms} ms as a duration`);
  let rest = Math.round(ms);
  const days = Math.floor(rest / DAY);
  rest -= days * DAY;
  const hours = Math.floor(rest / HOUR);
  rest -= hours * HOUR;
  const minutes = Math.floor(rest / MINUTE);
  rest -= minutes * MINUTE;
  const seconds = rest / SECOND;
  let time = "";
  if (hours) time += `${hours}H`;
  if (minutes) time += `${minutes}M`;
  if (seconds) time += `${seconds}S`;
  if (!days && !time) return "PT0S";
  return `P${days ? `${days}D` : ""}${time ? `T${time}` : ""}`;
};

export const minutesToMs = (n: number): number => n * MINUTE;
