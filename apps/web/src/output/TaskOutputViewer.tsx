import {
  Badge,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  SearchBox,
  Spinner,
  Switch,
  Toolbar,
  ToolbarDivider,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { ArrowDownloadRegular, ArrowDownRegular, ArrowUpRegular, CopyRegular, HistoryRegular } from "@fluentui/react-icons";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { DownloadTicket } from "@batch-studio/shared";
import { useApi } from "../auth/AuthContext";
import { errorMessage } from "../auth/apiError";
import { saveFromUrl } from "../components/download";
import { useNotify } from "../components/notify";
import type { AnsiSpan } from "./ansi";
import { AnsiLineCache, findMatches, type SearchMatch } from "./ansiLines";
import { ansiCss } from "./ansiTheme";
import { formatBytes, type OutputSource } from "./outputSource";
import { useOutputFile } from "./useOutputFile";

const LINE_HEIGHT = 20;

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    minHeight: 0,
  },
  toolbar: { flexWrap: "wrap", gap: tokens.spacingHorizontalS, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
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
    width: "64px",
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
  mark: { backgroundColor: tokens.colorPaletteYellowBackground2, color: "inherit" },
  current: { backgroundColor: tokens.colorPaletteMarigoldBackground3, color: "inherit" },
  band: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", padding: tokens.spacingHorizontalS },
  grow: { flexGrow: 1 },
});

/** A line's spans, with search matches wrapped in <mark>. Text only: React escapes it, nothing is parsed as HTML. */
function renderSpans(spans: AnsiSpan[], matches: SearchMatch[], currentMatch: SearchMatch | undefined, cls: { mark: string; current: string }): ReactNode[] {
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

const lineFromHash = (): number | undefined => {
  const m = /^#line-(\d+)$/.exec(window.location.hash);
  return m ? Number(m[1]) : undefined;
};

/**
 * Task output of any size: opens at the last 64 KiB, loads earlier windows by byte range, follows
 * the live stream while the task runs, renders ANSI colours, searches the loaded text and links to
 * single lines. Only visible lines are in the DOM; only loaded windows are in memory.
 */
export function TaskOutputViewer({
  source,
  follow,
  completed,
  onSize,
}: {
  source: OutputSource;
  follow: boolean;
  /** The task's completion line, from its state. */
  completed?: string;
  /** Told every new size the viewer learns (open, stream), so the page's tab labels keep up. */
  onSize?(size: number): void;
}) {
  const styles = useStyles();
  const api = useApi();
  const notify = useNotify();
  const [targetLine, setTargetLine] = useState<number | undefined>(lineFromHash);
  // Decided once: clicking a line number later changes the hash but must not reopen the file.
  const [fromStart] = useState(() => lineFromHash() !== undefined);
  const file = useOutputFile(api, source, { follow, fromStart, completed });
  useEffect(() => {
    if (file.size !== undefined) onSize?.(file.size);
  }, [file.size, onSize]);
  const cache = useRef(new AnsiLineCache());
  const [wrap, setWrap] = useState(false);
  const [query, setQuery] = useState("");
  const [matchIndex, setMatchIndex] = useState(0);
  const [stick, setStick] = useState(true);
  const scroller = useRef<HTMLDivElement>(null);

  const lines = useMemo(() => file.buffer?.view() ?? [], [file.buffer, file.version]);
  const plain = useMemo(() => {
    cache.current.update(lines, file.buffer?.start ?? 0);
    return [...cache.current.plainLines];
  }, [lines, file.buffer]);
  const matches = useMemo(() => findMatches(plain, query), [plain, query]);
  const byLine = useMemo(() => {
    const map = new Map<number, SearchMatch[]>();
    for (const m of matches) map.set(m.line, [...(map.get(m.line) ?? []), m]);
    return map;
  }, [matches]);
  const currentMatch = matches[Math.min(matchIndex, matches.length - 1)];

  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 20,
    initialRect: { width: 1000, height: 600 },
  });

  // Follow: keep the newest line in view unless the reader scrolled up.
  useEffect(() => {
    if (stick && targetLine === undefined && lines.length > 0 && !query) virtualizer.scrollToIndex(lines.length - 1, { align: "end" });
  }, [lines.length, stick, targetLine, query, virtualizer]);

  // Deep link: scroll to #line-N once it is loaded.
  useEffect(() => {
    if (targetLine === undefined) return;
    const index = lines.findIndex((l) => l.number === targetLine);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: "center" });
  }, [targetLine, lines, virtualizer]);

  useEffect(() => {
    if (currentMatch) virtualizer.scrollToIndex(currentMatch.line, { align: "center" });
  }, [currentMatch, virtualizer]);

  const step = (d: number) => matches.length && setMatchIndex((i) => (i + d + matches.length) % matches.length);
  const notLoadedBefore = file.buffer?.start ?? 0;

  // Trade the bearer token for a one-time link, then let the browser stream the file to disk:
  // a 1 GiB output never passes through this page's memory.
  const download = async () => {
    try {
      const { url } = await api.json<DownloadTicket>(source.downloadTicket(), { method: "POST" });
      saveFromUrl(url, source.fileName);
    } catch (e) {
      notify.error("Download failed", e);
    }
  };

  return (
    <section className={styles.root} aria-label={`${source.fileName} output`}>
      <Toolbar className={styles.toolbar} aria-label={`${source.fileName} tools`}>
        <SearchBox
          aria-label="Search output"
          placeholder="Search loaded output"
          value={query}
          onChange={(_, d) => {
            setQuery(d.value);
            setMatchIndex(0);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") step(e.shiftKey ? -1 : 1);
          }}
        />
        <Caption1 aria-live="polite">{query ? (matches.length ? `${Math.min(matchIndex, matches.length - 1) + 1} of ${matches.length}` : "No matches") : ""}</Caption1>
        <Button appearance="subtle" icon={<ArrowUpRegular />} aria-label="Previous match" disabled={!matches.length} onClick={() => step(-1)} />
        <Button appearance="subtle" icon={<ArrowDownRegular />} aria-label="Next match" disabled={!matches.length} onClick={() => step(1)} />
        <ToolbarDivider />
        <Switch label="Wrap" checked={wrap} onChange={(_, d) => setWrap(d.checked)} />
        <Button appearance="subtle" icon={<CopyRegular />} onClick={() => void navigator.clipboard?.writeText(plain.join("\n")).then(() => notify.success("Copied", `${plain.length} loaded lines`))}>
          Copy
        </Button>
        <Button appearance="subtle" icon={<ArrowDownloadRegular />} onClick={() => void download()}>
          Download
        </Button>
        <span className={styles.grow} />
        {file.size !== undefined && <Caption1>{formatBytes(file.size)}</Caption1>}
        {file.following && (
          // The badge's text says it; the spinner is decoration (a nameless progressbar otherwise).
          <Badge color="brand" appearance="tint" icon={<Spinner size="extra-tiny" aria-hidden />}>
            Following
          </Badge>
        )}
      </Toolbar>
      {file.ended && <Caption1 className={styles.band} role="status">{file.ended}</Caption1>}
      {file.error !== undefined && (
        <MessageBar intent="error">
          <MessageBarBody>{errorMessage(file.error)}</MessageBarBody>
        </MessageBar>
      )}
      {notLoadedBefore > 0 && (
        <div className={styles.band}>
          <Button size="small" icon={<HistoryRegular />} onClick={() => void file.loadEarlier()}>
            Load earlier
          </Button>
          <Caption1>{formatBytes(notLoadedBefore)} before this point are not loaded. Line numbers appear once the start of the file is loaded.</Caption1>
        </div>
      )}
      {file.loading ? (
        <Spinner label={`Opening ${source.fileName}…`} />
      ) : lines.length === 0 && !file.error ? (
        <Caption1 className={styles.band}>{follow ? "No output yet — new lines appear here as the task writes them." : "This file is empty."}</Caption1>
      ) : (
        <div
          ref={scroller}
          className={styles.scroller}
          tabIndex={0}
          role="log"
          aria-label={`${source.fileName} lines`}
          onScroll={(e) => {
            const el = e.currentTarget;
            setStick(el.scrollHeight - el.scrollTop - el.clientHeight < LINE_HEIGHT * 2);
          }}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((item) => {
              const line = lines[item.index]!;
              const id = line.number !== undefined ? `line-${line.number}` : undefined;
              return (
                <div
                  key={item.key}
                  data-index={item.index}
                  ref={wrap ? virtualizer.measureElement : undefined}
                  className={mergeClasses(styles.row, line.number !== undefined && line.number === targetLine && styles.rowTarget)}
                  style={{ top: item.start, ...(wrap ? { right: 0 } : { height: LINE_HEIGHT }) }}
                  id={id}
                >
                  {id ? (
                    <a
                      className={styles.gutter}
                      href={`#${id}`}
                      onClick={(e) => {
                        e.preventDefault();
                        window.history.replaceState(null, "", `#${id}`);
                        setTargetLine(line.number);
                      }}
                    >
                      {line.number}
                    </a>
                  ) : (
                    <span className={styles.gutter} aria-hidden>
                      {line.partial === "start" ? "…" : ""}
                    </span>
                  )}
                  <span className={mergeClasses(styles.text, wrap && styles.wrap, line.partial === "start" && styles.partial)}>
                    {renderSpans(cache.current.spansOf(item.index), byLine.get(item.index) ?? [], currentMatch, styles)}
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      )}
      {!follow && file.buffer && file.size !== undefined && file.buffer.end < file.size && (
        <div className={styles.band}>
          <Button size="small" onClick={() => void file.loadLater()}>
            Load more
          </Button>
          <Caption1>{formatBytes(file.size - file.buffer.end)} after this point are not loaded.</Caption1>
        </div>
      )}
    </section>
  );
}
