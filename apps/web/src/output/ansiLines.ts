import { AnsiParser, type AnsiSpan, type AnsiStyle } from "./ansi";
import type { OutputLine } from "./outputBuffer";

interface StyledLine {
  at: number;
  text: string;
  /** Style open before the line, and whether it is known (derived from the file start) or a guess. */
  before: AnsiStyle;
  exact: boolean;
  after: AnsiStyle;
  spans: AnsiSpan[];
  plain: string;
}

/** Known styles are remembered at the first line start after every CHECKPOINT_EVERY bytes. */
const CHECKPOINT_EVERY = 64 * 1024;
/** Enough for a 1 GiB file at one checkpoint per 64 KiB; a few objects each, so a few MB at worst. */
const MAX_CHECKPOINTS = 16_384;

const sameStyle = (a: AnsiStyle, b: AnsiStyle): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Styled spans per line. The style open at a line's start depends on every escape before it, so
 * it is carried from line to line, and across window boundaries:
 * - appended lines (following) are parsed from the style open after the line before;
 * - when earlier bytes are prepended, parsing runs on from them into the lines already loaded, so
 *   a colour opened in the earlier window reaches the later one;
 * - when the oldest lines are dropped (memory cap), the lines left keep the style they had, and
 *   known styles stay remembered at checkpoints, so a dropped window fetched again later starts
 *   with the right colour instead of none.
 * A style is "exact" when it was derived from the file start; a window opened mid-file starts
 * from a guess (no style) until earlier bytes or a checkpoint say otherwise.
 */
export class AnsiLineCache {
  private rows: StyledLine[] = [];
  private checkpoints = new Map<number, AnsiStyle>([[0, {}]]);

  update(lines: readonly OutputLine[]): void {
    const old = this.rows;
    const n = old.length;
    // Appending only: same first line, lines before the last known one unchanged.
    const appendOnly = n > 0 && lines.length >= n && lines[0]!.at === old[0]!.at && lines[0]!.text === old[0]!.text && lines[n - 1]!.at === old[n - 1]!.at;
    if (appendOnly) {
      this.rows = old.slice(0, n - 1);
      this.extend(lines, n - 1, undefined);
      return;
    }
    const byAt = new Map(old.map((r) => [r.at, r]));
    this.rows = [];
    this.extend(lines, 0, byAt);
  }

  private extend(lines: readonly OutputLine[], from: number, previous: Map<number, StyledLine> | undefined): void {
    const rows = this.rows;
    for (let i = from; i < lines.length; i++) {
      const { at, text } = lines[i]!;
      const prev = rows[i - 1];
      let before: AnsiStyle = prev ? prev.after : {};
      let exact = prev ? prev.exact : false;
      // A line cut for length (not a window's first line) lost its start and the escapes in it.
      const cut = i > 0 && lines[i]!.partial === "start";
      const known = cut ? undefined : this.checkpoints.get(at);
      const was = previous?.get(at);
      if (cut) {
        exact = false;
      } else if (known) {
        // Checkpoints sit at line starts, so even a window's first line may use one.
        before = known;
        exact = true;
      } else if (!exact && was?.exact) {
        // The line was styled from known history that is no longer loaded: keep that.
        before = was.before;
        exact = true;
      }
      if (was && was.text === text && sameStyle(was.before, before)) {
        rows.push({ ...was, exact });
      } else {
        const parser = new AnsiParser(before);
        const spans = parser.push(text);
        rows.push({ at, text, before, exact, after: parser.currentStyle, spans, plain: spans.map((s) => s.text).join("") });
      }
      if (exact && prev && Math.floor(at / CHECKPOINT_EVERY) > Math.floor(prev.at / CHECKPOINT_EVERY)) this.remember(at, before);
    }
  }

  private remember(at: number, style: AnsiStyle): void {
    if (this.checkpoints.has(at)) return;
    if (this.checkpoints.size >= MAX_CHECKPOINTS) {
      const oldest = this.checkpoints.keys().next().value;
      if (oldest !== undefined && oldest !== 0) this.checkpoints.delete(oldest);
    }
    this.checkpoints.set(at, style);
  }

  spansOf(i: number): AnsiSpan[] {
    return this.rows[i]?.spans ?? [];
  }

  plainOf(i: number): string {
    return this.rows[i]?.plain ?? "";
  }

  /** Whether line i's starting style is known rather than guessed (its window began mid-file). */
  exactOf(i: number): boolean {
    return this.rows[i]?.exact ?? false;
  }

  get plainLines(): string[] {
    return this.rows.map((r) => r.plain);
  }
}

export interface SearchMatch {
  line: number;
  from: number;
  to: number;
}

export const MAX_MATCHES = 10_000;

/** Case-insensitive matches of `query` in the loaded lines' plain text, capped. */
export function findMatches(lines: readonly string[], query: string): SearchMatch[] {
  if (!query) return [];
  const q = query.toLowerCase();
  const out: SearchMatch[] = [];
  for (let line = 0; line < lines.length && out.length < MAX_MATCHES; line++) {
    const text = lines[line]!.toLowerCase();
    let at = text.indexOf(q);
    while (at !== -1 && out.length < MAX_MATCHES) {
      out.push({ line, from: at, to: at + q.length });
      at = text.indexOf(q, at + q.length);
    }
  }
  return out;
}
