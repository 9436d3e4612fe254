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
import {
  ArrowDownloadRegular,
  ArrowDownRegular,
  ArrowUpRegular,
  CopyRegular,
  HistoryRegular,
  ArrowCircleDownRegular,
} from "@fluentui/react-icons";
import { useQueryClient } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { DownloadTicket } from "@batch-studio/shared";
import { taskFileObserver } from "../api/liveTask";
import { useApi } from "../auth/AuthContext";
import { errorMessage } from "../auth/apiError";
import { saveFromUrl } from "../components/download";
import { copyText } from "../components/copyText";
import { useNotify } from "../components/notify";
import type { AnsiSpan } from "./ansi";
import { AnsiLineCache, findMatches, type SearchMatch } from "./ansiLines";
import type { OutputLine } from "./outputBuffer";
import { ansiCss } from "./ansiTheme";
import { indexOfTarget, outputHash, parseOutputHash, targetOfLine, type OutputTarget } from "./deepLink";
import { formatBytes, type OutputSource } from "./outputSource";
import { anchorAt, anchoredScrollTop, type ScrollAnchor } from "./scrollAnchor";
import { useOutputFile } from "./useOutputFile";
import { useFind } from "./useFind";
import { WholeFileSearchStatus } from "./WholeFileSearchStatus";

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
  toolbar: {
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
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
  band: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
    padding: tokens.spacingHorizontalS,
  },
  grow: { flexGrow: 1 },
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
 * Task output of any size: opens at the last 64 KiB (or around a #L / #b deep link), loads
 * earlier windows by byte range, follows the live stream while the task runs with a bounded
 * amount in memory, renders ANSI colours across window boundaries, searches the loaded text (and
 * past it the whole file, on the BFF: useFind.ts) and links to single lines. Only visible lines
 * are in the DOM; only a few MiB of windows in memory.
 */
export function TaskOutputViewer({
  source,
  follow,
  completed,
  sizeHint,
}: {
  source: OutputSource;
  /** Follow while the task runs; undefined while its state is not known yet (the file opens meanwhile). */
  follow: boolean | undefined;
  /** The file's size from the page's listing, if it has one: the tail opens in one read then. */
  sizeHint?: number;
  /** The task's completion line, from its state. */
  completed?: string;
}) {
  const styles = useStyles();
  const api = useApi();
  const notify = useNotify();
  const [target, setTarget] = useState<OutputTarget | undefined>(() => parseOutputHash(window.location.hash));
  // Decided once: clicking a line number later changes the hash but must not reopen the file.
  const [openAt] = useState(() => target ?? ({ kind: "tail" } as const));
  const [stick, setStick] = useState(true);
  const stickRef = useRef(stick);
  stickRef.current = stick && target === undefined;
  const anchor = useRef<ScrollAnchor | undefined>(undefined);
  // A task file's size and its task's state go into the query cache, which the page's header and tabs read.
  const queryClient = useQueryClient();
  const observer = useMemo(() => source.task && taskFileObserver(queryClient, source.task), [queryClient, source]);
  const file = useOutputFile(api, source, {
    follow: follow === true,
    openAt,
    sizeHint,
    completed,
    observer,
    readingAt: () => (stickRef.current ? undefined : (anchor.current?.at ?? 0)),
  });
  // A file that does not exist is only an error when no running task is about to write it.
  const missingError = follow === false ? file.missing : undefined;
  const cache = useRef(new AnsiLineCache());
  const [wrap, setWrap] = useState(false);
  const [query, setQuery] = useState("");
  const [matchIndex, setMatchIndex] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);

  const lines = useMemo(() => file.buffer?.view() ?? [], [file.buffer, file.version]);
  const plain = useMemo(() => {
    cache.current.update(lines);
    return cache.current.plainLines;
  }, [lines]);
  const matches = useMemo(() => findMatches(plain, query), [plain, query]);
  const byLine = useMemo(() => {
    const map = new Map<number, SearchMatch[]>();
    for (const m of matches) map.set(m.line, [...(map.get(m.line) ?? []), m]);
    return map;
  }, [matches]);
  const currentMatch = matches[Math.min(matchIndex, matches.length - 1)];
  const targetIndex = useMemo(
    () =>
      target && file.buffer && (target.kind === "line" || target.offset < file.buffer.end)
        ? indexOfTarget(lines, target)
        : -1,
    [target, lines, file.buffer],
  );
  const firstWhole = lines[0]?.partial === "start" ? 1 : 0;
  const numbered = lines.some((l) => l.number !== undefined);
  // Gutter width in characters: the widest label, at least four so short files keep a margin.
  const widest = Math.max(
    4,
    (numbered ? String(lines.at(-1)?.number ?? lines.length).length : String(lines.length).length + 1) + 1,
  );

  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => LINE_HEIGHT,
    // Keyed by byte offset, so measured (wrapped) heights stay with their lines when lines are prepended or dropped.
    getItemKey: (i) => lines[i]?.at ?? i,
    overscan: 20,
    initialRect: { width: 1000, height: 600 },
  });

  // Keep the text in view still when lines come or go above it ("load earlier", memory cap).
  const firstAt = lines[0]?.at;
  const shownFirstAt = useRef(firstAt);
  useLayoutEffect(() => {
    if (firstAt !== shownFirstAt.current && scroller.current && anchor.current && !stickRef.current) {
      const top = anchoredScrollTop(
        lines,
        anchor.current,
        (i) => virtualizer.measurementsCache[i]?.start ?? i * LINE_HEIGHT,
      );
      if (top !== undefined) virtualizer.scrollToOffset(top);
    }
    shownFirstAt.current = firstAt;
  }, [firstAt, lines, virtualizer]);

  // Follow: keep the newest line in view unless the reader scrolled up.
  useEffect(() => {
    if (stick && target === undefined && lines.length > 0 && !query)
      virtualizer.scrollToIndex(lines.length - 1, { align: "end" });
  }, [lines.length, lines, stick, target, query, virtualizer]);

  // Deep link: scroll to the target once it is loaded (once per target, so following does not pull the view back).
  const scrolledTo = useRef<OutputTarget | undefined>(undefined);
  useEffect(() => {
    if (targetIndex >= 0 && scrolledTo.current !== target) {
      scrolledTo.current = target;
      virtualizer.scrollToIndex(targetIndex, { align: "center" });
    }
  }, [target, targetIndex, virtualizer]);

  // Scroll to the current match when it changes, not whenever the lines do (following re-finds it every chunk).
  const matchKey = currentMatch ? `${lines[currentMatch.line]?.at}:${currentMatch.from}` : undefined;
  const matchLine = currentMatch?.line;
  useEffect(() => {
    if (matchKey !== undefined && matchLine !== undefined)
      virtualizer.scrollToIndex(matchLine, { align: "center" });
    // matchLine is left out on purpose: it moves with prepends; the key says when the match itself changed.
  }, [matchKey, virtualizer]);

  // A link to another place in the same file (pasted, or back/forward): go there, reading it first if it is not loaded.
  const reopen = file.reopen;
  const loaded = useRef({ lines, end: file.buffer?.end ?? 0 });
  loaded.current = { lines, end: file.buffer?.end ?? 0 };
  useEffect(() => {
    const onHash = () => {
      const t = parseOutputHash(window.location.hash);
      if (!t) return;
      scrolledTo.current = undefined;
      setTarget(t);
      const { lines: shown, end } = loaded.current;
      if ((t.kind === "byte" && t.offset >= end) || indexOfTarget(shown, t) === -1) reopen(t);
    };
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, [reopen]);

  const notLoadedBefore = file.buffer?.start ?? 0;
  const linkTo = (t: OutputTarget) => {
    // Also scrolls there when it is already the target (the reader scrolled away since).
    scrolledTo.current = undefined;
    window.history.replaceState(null, "", outputHash(t));
    setTarget(t);
  };

  const { whole, outside, step, changed } = useFind(api, source, {
    query,
    lines,
    matches,
    matchIndex,
    setMatchIndex,
    buffer: file.buffer,
    size: file.size,
    goTo: (t) => {
      linkTo(t);
      reopen(t);
    },
  });

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
          placeholder={outside ? "Search output (Enter: next)" : "Search output"}
          value={query}
          onChange={(_, d) => {
            setQuery(d.value);
            setMatchIndex(0);
            changed();
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") step(e.shiftKey ? -1 : 1);
          }}
        />
        <Caption1 aria-live="polite">
          {query
            ? matches.length
              ? `${Math.min(matchIndex, matches.length - 1) + 1} of ${matches.length}${outside ? " loaded" : ""}`
              : outside
                ? "None loaded"
                : "No matches"
            : ""}
        </Caption1>
        <Button
          appearance="subtle"
          icon={<ArrowUpRegular />}
          aria-label="Previous match"
          disabled={!matches.length && !(query && outside)}
          onClick={() => step(-1)}
        />
        <Button
          appearance="subtle"
          icon={<ArrowDownRegular />}
          aria-label="Next match"
          disabled={!matches.length && !(query && outside)}
          onClick={() => step(1)}
        />
        <ToolbarDivider />
        <Switch label="Wrap" checked={wrap} onChange={(_, d) => setWrap(d.checked)} />
        <Button
          appearance="subtle"
          icon={<CopyRegular />}
          onClick={() => void copyText(plain.join("\n"), notify, `${plain.length} loaded lines`)}
        >
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
      <WholeFileSearchStatus
        state={whole.state}
        query={query}
        offerWholeFile={outside && matches.length === 0}
        onSearch={() => step(1)}
        onCancel={whole.cancel}
      />
      {file.ended && (
        <Caption1 className={styles.band} role="status">
          {file.ended}
        </Caption1>
      )}
      {(file.error ?? missingError) !== undefined && (
        <MessageBar intent="error">
          <MessageBarBody>{errorMessage(file.error ?? missingError)}</MessageBarBody>
        </MessageBar>
      )}
      {file.notice && (
        <MessageBar intent="warning">
          <MessageBarBody>{file.notice}</MessageBarBody>
        </MessageBar>
      )}
      {notLoadedBefore > 0 && (
        <div className={styles.band}>
          <Button size="small" icon={<HistoryRegular />} onClick={() => void file.loadEarlier()}>
            Load earlier
          </Button>
          <Caption1>
            {formatBytes(notLoadedBefore)} before this point are not loaded.{" "}
            {numbered
              ? "Line numbers are the file's own."
              : "Numbers marked + count from the first loaded line; the file's own line numbers appear once its start is loaded."}
          </Caption1>
        </div>
      )}
      {file.loading || (follow === undefined && lines.length === 0 && file.error === undefined) ? (
        // Open, but with nothing to show yet: whether that reads "empty" or "no output yet" (or "not found") waits for the task's state.
        <Spinner label={`Opening ${source.fileName}…`} />
      ) : lines.length === 0 && file.error === undefined && missingError === undefined ? (
        <Caption1 className={styles.band}>
          {follow ? "No output yet — new lines appear here as the task writes them." : "This file is empty."}
        </Caption1>
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
            anchor.current = anchorAt(lines, virtualizer.measurementsCache, el.scrollTop);
          }}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((item) => {
              const line = lines[item.index]!;
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
                        linkTo(link);
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
                    {renderSpans(
                      cache.current.spansOf(item.index),
                      byLine.get(item.index) ?? [],
                      currentMatch,
                      styles,
                    )}
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      )}
      {file.buffer && file.size !== undefined && !file.atEnd && (
        <div className={styles.band}>
          <Button size="small" onClick={() => void file.loadLater()}>
            Load more
          </Button>
          <Button
            size="small"
            icon={<ArrowCircleDownRegular />}
            onClick={() => {
              setTarget(undefined);
              setStick(true);
              window.history.replaceState(null, "", window.location.pathname + window.location.search);
              file.reopen({ kind: "tail" });
            }}
          >
            Jump to end
          </Button>
          <Caption1>
            {formatBytes(Math.max(0, file.size - file.buffer.end))} after this point are not loaded
            {follow ? "; following resumes at the end" : ""}.
          </Caption1>
        </div>
      )}
    </section>
  );
}
