import type { TaskFilter } from "../api/keys";

/**
 * The exit-code box of the task filter: "" (any), "0", "1-255", ">0", "<0". Returns the server
 * filter fields or an error message; the BFF turns them into Batch's $filter.
 */
export function parseExitCodeFilter(text: string): { ok: true; filter: Pick<TaskFilter, "exitCode" | "exitCodeMin" | "exitCodeMax"> } | { ok: false; message: string } {
  const t = text.replace(/\s+/g, "");
  if (t === "") return { ok: true, filter: {} };
  let m = /^(-?\d+)$/.exec(t);
  if (m) return { ok: true, filter: { exitCode: Number(m[1]) } };
  m = /^(-?\d+)(?:-|\.\.)(-?\d+)$/.exec(t);
  if (m) {
    const [min, max] = [Number(m[1]), Number(m[2])];
    return min <= max ? { ok: true, filter: { exitCodeMin: min, exitCodeMax: max } } : { ok: false, message: "The range's start is after its end." };
  }
  m = /^(>=?|<=?)(-?\d+)$/.exec(t);
  if (m) {
    const n = Number(m[2]);
    if (m[1] === ">") return { ok: true, filter: { exitCodeMin: n + 1 } };
    if (m[1] === ">=") return { ok: true, filter: { exitCodeMin: n } };
    if (m[1] === "<") return { ok: true, filter: { exitCodeMax: n - 1 } };
    return { ok: true, filter: { exitCodeMax: n } };
  }
  return { ok: false, message: 'Type an exit code (0), a range (1-255) or a bound (>0).' };
}
