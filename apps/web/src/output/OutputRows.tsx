import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { Virtualizer } from "@tanstack/react-virtual";
import type { ReactNode, Ref } from "react";
import type { AnsiSpan } from "./ansi";
import type { AnsiLineCache, SearchMatch } from "./ansiLines";
import { ansiCss } from "./ansiTheme";
import { outputHash, targetOfLine, type OutputTarget } from "./deepLink";
import type { OutputLine } from "./outputBuffer";

export const LINE_HEIGHT = 20;

const useStyles = makeStyles({
  scroller: {
    overflow: "auto",
    position: "relative",
    height: "calc(100vh - 330px)",
    minHeight: "240px",
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    lineHeight: `${LINE_HEIGHT}px`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  row: { display: "flex", position: "absolute", left: 0, minWidth: "100%" },
  rowTarget: { backgroundColor: tokens.colorBrandBackground2 },
  gutter: {
    flexShrink: 0,
    boxSizing: "content-box",
    paddingRight: tokens.spacingHorizontalS,
    textAlign: "right",
    color: tokens.colorNeutralForeground4,
    userSelect: "none",
    textDecorationLine: "none",
    ":hover": { color: tokens.colorBrandForeground1, textDecorationLine: "underline" },
  },
  text: { whiteSpace: "pre", paddingRight: tokens.spacingHorizontalM },
  wrap: { whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
  partial: { color: tokens.colorNeutralForeground4 },
  /** Relative numbers (+N) look unlike line numbers: they count from the first loaded line. */
  relative: { fontStyle: "italic", color: tokens.colorNeutralForeground4 },
  mark: { backgroundColor: tokens.colorPaletteYellowBackground2, color: "inherit" },
  current: { backgroundColor: tokens.colorPaletteMarigoldBackground3, color: "inherit" },
});

/** A line's spans, with search matches wrapped in <mark>. Text only: React escapes it, nothing is parsed as HTML. */
function renderSpans(
  spans: AnsiSpan[],
  matches: SearchMatch[],
  currentMatch: SearchMatch | undefined,
  cls: { mark: string; current: string },
): ReactNode[] {
  const out: ReactNode[] = [];
  let offset = 0;
  spans.forEach((span, si) => {
    const style = ansiCss(span.style);
    const end = offset + span.text.length;
    let cursor = offset;
    const parts: ReactNode[] = [];
    for (const m of matches) {
      if (m.to <= cursor || m.from >= end) continue;
      const a = Math.max(m.from, cursor);
      const b = Math.min(m.to, end);
      if (a > cursor) parts.push(span.text.slice(cursor - offset, a - offset));
      parts.push(
        <mark key={`${si}-${a}`} className={m === currentMatch ? cls.current : cls.mark}>
          {span.text.slice(a - offset, b - offset)}
        </mark>,
      );
      cursor = b;
    }
    if (cursor < end) parts.push(span.text.slice(cursor - offset));
    out.push(
      <span key={si} style={style}>
        {parts}
      </span>,
    );
    offset = end;
  });
  return out;
}

/** The gutter label: the line's number, "+N" counted from the first loaded line, or "…" for a cut line. */
function gutterLabel(line: OutputLine, index: number, firstWhole: number): string {
  if (line.number !== undefined) return String(line.number);
  if (line.partial === "start") return "…";
  return `+${index - firstWhole + 1}`;
}

/**
 * The loaded lines, virtualized: only those in view (and a few around) are in the DOM. Each has
 * a gutter link to itself (#L<n>, or #b=<offset> before the file's start is loaded), its ANSI
 * colours and its search marks; the linked line is marked as the current location.
 */
export function OutputRows({
  fileName,
  lines,
  styled,
  virtualizer,
  scrollerRef,
  onScroll,
  wrap,
  byLine,
  currentMatch,
  targetIndex,
  onLink,
}: {
  fileName: string;
  lines: readonly OutputLine[];
  /** Spans per line index (AnsiLineCache, updated for `lines`). */
  styled: AnsiLineCache;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  scrollerRef: Ref<HTMLDivElement>;
  onScroll(el: HTMLElement): void;
  wrap: boolean;
  byLine: ReadonlyMap<number, SearchMatch[]>;
  currentMatch: SearchMatch | undefined;
  targetIndex: number;
  onLink(t: OutputTarget): void;
}) {
  const styles = useStyles();
  const firstWhole = lines[0]?.partial === "start" ? 1 : 0;
  const numbered = lines.some((l) => l.number !== undefined);
  // Gutter width in characters: the widest label, at least four so short files keep a margin.
  const widest = Math.max(
    4,
    (numbered ? String(lines.at(-1)?.number ?? lines.length).length : String(lines.length).length + 1) + 1,
  );
  return (
    <div
      ref={scrollerRef}
      className={styles.scroller}
      tabIndex={0}
      role="log"
      aria-label={`${fileName} lines`}
      onScroll={(e) => onScroll(e.currentTarget)}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualizer.getVirtualItems().map((item) => {
          const line = lines[item.index];
          if (!line) return null;
          const label = gutterLabel(line, item.index, firstWhole);
          const link = targetOfLine(line);
          return (
            <div
              key={item.key}
              data-index={item.index}
              ref={wrap ? virtualizer.measureElement : undefined}
              className={mergeClasses(styles.row, item.index === targetIndex && styles.rowTarget)}
              style={{ top: item.start, ...(wrap ? { right: 0 } : { height: LINE_HEIGHT }) }}
              aria-current={item.index === targetIndex ? "location" : undefined}
            >
              {line.partial === "start" && line.number === undefined ? (
                <span className={styles.gutter} style={{ width: `${widest}ch` }} aria-hidden>
                  {label}
                </span>
              ) : (
                <a
                  className={mergeClasses(styles.gutter, line.number === undefined && styles.relative)}
                  // Inline: the shell colours every link in the page brand-blue, and a gutter of blue numbers shouts.
                  style={{ width: `${widest}ch`, color: tokens.colorNeutralForeground4 }}
                  href={outputHash(link)}
                  title={
                    line.number === undefined
                      ? `Loaded line ${label.slice(1)}, at byte ${line.at}`
                      : `Line ${line.number}`
                  }
                  onClick={(e) => {
                    e.preventDefault();
                    onLink(link);
                  }}
                >
                  {label}
                </a>
              )}
              <span
                className={mergeClasses(
                  styles.text,
                  wrap && styles.wrap,
                  line.partial === "start" && styles.partial,
                )}
              >
                {renderSpans(styled.spansOf(item.index), byLine.get(item.index) ?? [], currentMatch, styles)}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
