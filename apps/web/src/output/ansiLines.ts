import { AnsiParser, type AnsiSpan, type AnsiStyle } from "./ansi";
import type { OutputLine } from "./outputBuffer";

/**
 * Styled spans per line, computed incrementally: while output is only appended (following), only
 * the last known line (it may have grown) and the new lines are parsed, starting from the style
 * that was open at the end of the line before. Loading an earlier window re-parses everything,
 * since the style at the new start is unknown until then.
 */
export class AnsiLineCache {
  private start = -1;
  private spans: AnsiSpan[][] = [];
  private plain: string[] = [];
  /** Style open before line i. */
  private before: AnsiStyle[] = [];

  update(lines: readonly OutputLine[], windowStart: number): void {
    if (windowStart !== this.start || lines.length < this.spans.length) {
      this.start = windowStart;
      this.spans = [];
      this.plain = [];
      this.before = [];
    }
    const from = Math.max(0, this.spans.length - 1);
    for (let i = from; i < lines.length; i++) {
      const open = i === 0 ? {} : (this.before[i] ?? {});
      const parser = new AnsiParser(open);
      const spans = parser.push(lines[i]!.text);
      this.before[i] = open;
      this.before[i + 1] = parser.currentStyle;
      this.spans[i] = spans;
      this.plain[i] = spans.map((s) => s.text).join("");
    }
    this.spans.length = lines.length;
    this.plain.length = lines.length;
  }

  spansOf(i: number): AnsiSpan[] {
    return this.spans[i] ?? [];
  }

  plainOf(i: number): string {
    return this.plain[i] ?? "";
  }

  get plainLines(): readonly string[] {
    return this.plain;
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
