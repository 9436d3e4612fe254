import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Spinner,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowCircleDownRegular, HistoryRegular } from "@fluentui/react-icons";
import { useQueryClient } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef, useState } from "react";
import { taskFileObserver } from "../api/liveTask";
import { useApi } from "../auth/AuthContext";
import { errorMessage } from "../auth/apiError";
import { saveFromUrl } from "../components/download";
import { copyText } from "../components/copyText";
import { useNotify } from "../components/notify";
import { AnsiLineCache } from "./ansiLines";
import { formatBytes, type OutputSource } from "./outputSource";
import { LINE_HEIGHT, OutputRows } from "./OutputRows";
import { OutputToolbar } from "./OutputToolbar";
import { useHashTarget, useOpeningTarget } from "./useHashTarget";
import { useOutputFile } from "./useOutputFile";
import { useOutputSearch } from "./useOutputSearch";
import { useStickToEnd } from "./useStickToEnd";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    minHeight: 0,
  },
  band: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
    padding: tokens.spacingHorizontalS,
  },
});

/**
 * Task output of any size: opens at the last 64 KiB (or around a #L / #b deep link), loads
 * earlier windows by byte range, follows the live stream while the task runs with a bounded
 * amount in memory, renders ANSI colours across window boundaries, searches the loaded text (and
 * past it the whole file, on the BFF) and links to single lines. Only visible lines are in the
 * DOM; only a few MiB of windows in memory. The parts: the file (useOutputFile, its follow loop in
 * followLoop.ts), the deep link (useHashTarget), the live edge (useStickToEnd), the search
 * (useOutputSearch), and what shows them (OutputToolbar, OutputRows). A task file's size and its
 * task's state go into the query cache (api/liveTask.ts), so the page around shows the same.
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
  const queryClient = useQueryClient();
  const observer = useMemo(
    () => source.task && taskFileObserver(queryClient, source.task),
    [queryClient, source],
  );
  // Decided once: clicking a line number later changes the hash but must not reopen the file.
  const opening = useOpeningTarget();
  const [openAt] = useState(() => opening ?? ({ kind: "tail" } as const));
  // Bound below, once the live-edge hook has the lines: the follow loop asks it where the reader is.
  const readingAt = useRef<() => number | undefined>(() => undefined);
  const file = useOutputFile(api, source, {
    follow: follow === true,
    openAt,
    sizeHint,
    completed,
    observer,
    readingAt: () => readingAt.current(),
  });
  // A file that does not exist is only an error when no running task is about to write it.
  const missingError = follow === false ? file.missing : undefined;
  const styled = useRef(new AnsiLineCache());
  const [wrap, setWrap] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);

  const lines = useMemo(() => file.buffer?.view() ?? [], [file.buffer, file.version]);
  const plain = useMemo(() => {
    styled.current.update(lines);
    return styled.current.plainLines;
  }, [lines]);

  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => LINE_HEIGHT,
    // Keyed by byte offset, so measured (wrapped) heights stay with their lines when lines are prepended or dropped.
    getItemKey: (i) => lines[i]?.at ?? i,
    overscan: 20,
    initialRect: { width: 1000, height: 600 },
  });
  const center = (i: number) => virtualizer.scrollToIndex(i, { align: "center" });

  const hash = useHashTarget(opening, {
    lines,
    buffer: file.buffer,
    reopen: file.reopen,
    scrollToIndex: center,
  });
  const search = useOutputSearch(api, source, {
    lines,
    plain,
    buffer: file.buffer,
    size: file.size,
    goTo: (t) => {
      hash.linkTo(t);
      file.reopen(t);
    },
    scrollToIndex: center,
  });
  const edge = useStickToEnd({
    lines,
    virtualizer,
    linked: hash.target !== undefined,
    searching: search.query !== "",
    lineHeight: LINE_HEIGHT,
  });
  readingAt.current = edge.readingAt;

  // Trade the bearer token for a one-time link, then let the browser stream the file to disk:
  // a 1 GiB output never passes through this page's memory.
  const download = async () => {
    try {
      const { url } = await source.downloadTicket(api);
      saveFromUrl(url, source.fileName);
    } catch (e) {
      notify.error("Download failed", e);
    }
  };

  const notLoadedBefore = file.buffer?.start ?? 0;
  const numbered = lines.some((l) => l.number !== undefined);
  return (
    <section className={styles.root} aria-label={`${source.fileName} output`}>
      <OutputToolbar
        fileName={source.fileName}
        search={search}
        wrap={wrap}
        onWrap={setWrap}
        onCopy={() => void copyText(plain.join("\n"), notify, `${plain.length} loaded lines`)}
        onDownload={() => void download()}
        size={file.size}
        following={file.following}
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
        <OutputRows
          fileName={source.fileName}
          lines={lines}
          styled={styled.current}
          virtualizer={virtualizer}
          scrollerRef={scroller}
          onScroll={edge.onScroll}
          wrap={wrap}
          byLine={search.byLine}
          currentMatch={search.current}
          targetIndex={hash.index}
          onLink={hash.linkTo}
        />
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
              hash.clear();
              edge.toEnd();
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
