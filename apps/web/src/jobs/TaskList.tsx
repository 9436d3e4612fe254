import { useRouteGate } from "../api/permissions";
import {
  Button,
  Caption1,
  Checkbox,
  Dropdown,
  Field,
  Input,
  Option,
  Spinner,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { TaskState, TaskSummary } from "@batch-studio/shared";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { FilterDismissRegular, TaskListLtrRegular } from "@fluentui/react-icons";
import { Link } from "../router";
import { useTaskPages } from "../api/jobs";
import { jobKeys, type TaskFilter } from "../api/keys";
import { paths } from "../router/paths";
import { EmptyState } from "../components/EmptyState";
import { ErrorState } from "../components/ErrorState";
import { LinkButton } from "../components/LinkButton";
import { RelativeTime } from "../components/RelativeTime";
import { TableSkeleton } from "../components/Skeletons";
import { StateBadge } from "../components/StateBadge";
import { useDebounced } from "../components/useDebounced";
import { loadVirtualRows, VirtualTable, type Column } from "../components/VirtualTable";
import { parseExitCodeFilter } from "./exitCodeFilter";
import type { TaskAction } from "../tasks/taskActions";
import type { BulkTarget } from "./BulkTaskDialog";
import { TaskSelectionBar } from "./TaskSelectionBar";

const useStyles = makeStyles({
  filters: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "flex-end", flexWrap: "wrap" },
  footer: {
    padding: tokens.spacingHorizontalS,
    display: "flex",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
  },
});

const STATES: TaskState[] = ["active", "preparing", "running", "completed"];

/** The ticked rows, or every task matching the filter (loaded or not). */
interface Selection {
  tasks: Map<string, TaskSummary>;
  allMatching: boolean;
}
const NOTHING: Selection = { tasks: new Map(), allMatching: false };

const selectColumn = (
  rows: readonly TaskSummary[],
  selection: Selection,
  setSelection: (s: Selection) => void,
): Column<TaskSummary> => {
  const ticked = selection.allMatching ? rows.length : rows.filter((r) => selection.tasks.has(r.id)).length;
  return {
    key: "select",
    width: "32px",
    header: (
      <Checkbox
        aria-label="Select every loaded task"
        checked={ticked === 0 ? false : ticked === rows.length ? true : "mixed"}
        onChange={(_, d) => setSelection(d.checked === true ? { tasks: new Map(rows.map((r) => [r.id, r])), allMatching: false } : NOTHING)}
      />
    ),
    render: (t) => (
      <Checkbox
        aria-label={`Select ${t.id}`}
        checked={selection.allMatching || selection.tasks.has(t.id)}
        onChange={(_, d) => {
          // Unticking one row of "all that match" leaves the loaded rows but that one.
          const tasks = new Map(selection.allMatching ? rows.map((r) => [r.id, r]) : selection.tasks);
          if (d.checked === true) tasks.set(t.id, t);
          else tasks.delete(t.id);
          setSelection({ tasks, allMatching: false });
        }}
      />
    ),
  };
};

const columns = (account: string, job: string): Column<TaskSummary>[] => [
  {
    key: "id",
    header: "Task",
    width: "minmax(160px, 2fr)",
    render: (t) => <Link to={paths.task(account, job, t.id)}>{t.id}</Link>,
  },
  {
    key: "state",
    header: "State",
    width: "110px",
    render: (t) => <StateBadge state={t.result === "failure" ? "failed" : t.state} />,
  },
  { key: "exit", header: "Exit code", width: "90px", render: (t) => t.exitCode ?? "—" },
  { key: "image", header: "Image", width: "minmax(140px, 2fr)", render: (t) => t.imageName ?? "—" },
  {
    key: "node",
    header: "Node",
    width: "minmax(120px, 1fr)",
    render: (t) =>
      t.nodeId && t.poolId ? (
        <Link to={paths.node(account, t.poolId, t.nodeId)}>{t.nodeId}</Link>
      ) : (
        (t.nodeId ?? "—")
      ),
  },
  {
    key: "created",
    header: "Created",
    width: "130px",
    render: (t) => <RelativeTime value={t.creationTime} />,
  },
];

/**
 * While this many pages are loaded, the list re-reads them when the task counts move (a refetch
 * re-reads every loaded page in order); past it, the list says it is behind and offers a refresh
 * from the top instead of re-reading thousands of tasks every few seconds.
 */
export const AUTO_REFRESH_PAGES = 4;

/**
 * Tasks of a job, filtered by Batch (state, exit code) and fetched a page at a time as the reader
 * scrolls: a 100,000-task job never loads more than what has been scrolled past. `countsVersion`
 * changes when the job's task counts do (they are polled); that is when rows go stale.
 */
export function TaskList({
  account,
  job,
  total,
  countsVersion,
  jobState,
  onBulk,
}: {
  account: string;
  job: string;
  total?: number;
  countsVersion?: string;
  jobState?: string;
  /** One action on the selected tasks (or every task matching the filter); the page runs it. */
  onBulk(action: TaskAction, target: BulkTarget): void;
}) {
  const styles = useStyles();
  const gate = useRouteGate(account);
  const [state, setState] = useState<TaskState | "">("");
  const [exitText, setExitText] = useState("");
  const exit = parseExitCodeFilter(useDebounced(exitText, 300));
  const filter: TaskFilter = useMemo(
    () => ({ ...(state ? { state } : {}), ...(exit.ok ? exit.filter : {}) }),
    [state, exit],
  );
  const pages = useTaskPages(account, job, filter);
  // The task list pages, so it always virtualizes: fetch that code alongside the first page.
  useEffect(() => void loadVirtualRows().catch(() => {}), []);
  const rows = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  const onNearEnd = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const filtered = Object.keys(filter).length > 0;

  const queryClient = useQueryClient();
  const [behind, setBehind] = useState(false);
  const seenVersion = useRef(countsVersion);
  const loadedPages = pages.data?.pages.length ?? 0;
  const { refetch } = pages;
  useEffect(() => {
    const before = seenVersion.current;
    seenVersion.current = countsVersion;
    // The first counts to arrive describe the rows just loaded: nothing to refresh.
    if (before === undefined || countsVersion === undefined || before === countsVersion) return;
    if (loadedPages <= AUTO_REFRESH_PAGES) void refetch();
    else setBehind(true);
  }, [countsVersion, loadedPages, refetch]);
  // Other filters are another list (`filter` is a new object on every render: compare its text).
  const filterText = JSON.stringify(filter);
  useEffect(() => setBehind(false), [filterText]);
  // A selection belongs to its filter's rows.
  const [selection, setSelection] = useState<Selection>(NOTHING);
  useEffect(() => setSelection(NOTHING), [filterText]);
  const anySelected = selection.allMatching || selection.tasks.size > 0;
  const refreshFromTop = () => {
    setBehind(false);
    void queryClient.resetQueries({ queryKey: jobKeys.taskList(account, job, filter), exact: true });
  };

  return (
    <>
      <div className={styles.filters}>
        <Field label="State">
          <Dropdown
            value={state || "Any"}
            selectedOptions={[state]}
            onOptionSelect={(_, d) => setState((d.optionValue as TaskState) ?? "")}
          >
            <Option value="">Any</Option>
            {STATES.map((s) => (
              <Option key={s} value={s}>
                {s}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field
          label="Exit code"
          validationMessage={exit.ok ? undefined : exit.message}
          validationState={exit.ok ? "none" : "error"}
        >
          <Input placeholder="0, 1-255, >0" value={exitText} onChange={(_, d) => setExitText(d.value)} />
        </Field>
      </div>
      {anySelected && (
        <TaskSelectionBar
          selected={[...selection.tasks.values()]}
          allMatching={selection.allMatching}
          moreMatch={hasNextPage || selection.tasks.size < rows.length}
          filter={filter}
          jobState={jobState}
          gate={gate}
          onSelectAllMatching={() => setSelection({ tasks: new Map(), allMatching: true })}
          onClear={() => setSelection(NOTHING)}
          onAction={(action, target) => {
            onBulk(action, target);
            setSelection(NOTHING);
          }}
        />
      )}
      {pages.isPending && <TableSkeleton label="Loading tasks" />}
      {pages.isError && <ErrorState what="tasks" error={pages.error} onRetry={() => pages.refetch()} />}
      {pages.data &&
        rows.length === 0 &&
        (filtered ? (
          <EmptyState
            icon={<FilterDismissRegular />}
            title="No task matches these filters"
            action={
              <Button
                onClick={() => {
                  setState("");
                  setExitText("");
                }}
              >
                Clear filters
              </Button>
            }
          >
            Batch filtered every task of the job by state and exit code; none matched.
          </EmptyState>
        ) : (
          <EmptyState
            icon={<TaskListLtrRegular />}
            title="No tasks in this job yet"
            action={
              <LinkButton to={paths.newTask(account, job)} appearance="primary" gate={gate("addTask")}>
                Add a container task
              </LinkButton>
            }
          >
            Tasks run on the job&apos;s pool, each in a container from the pool&apos;s prefetched images or
            any registry it can reach.
          </EmptyState>
        ))}
      {rows.length > 0 && (
        <VirtualTable
          label="Tasks"
          columns={[selectColumn(rows, selection, setSelection), ...columns(account, job)]}
          rows={rows}
          rowKey={(t) => t.id}
          totalRows={filtered || total === undefined ? rows.length : total}
          onNearEnd={onNearEnd}
          footer={
            <div className={styles.footer} role="status">
              <Caption1>
                {rows.length.toLocaleString()} loaded{hasNextPage ? " · more load as you scroll" : ""}
              </Caption1>
              {isFetchingNextPage && <Spinner size="extra-tiny" label="Loading more" labelPosition="after" />}
              {behind && (
                <>
                  <Caption1>· Task states have changed since these rows loaded.</Caption1>
                  <Button size="small" appearance="subtle" onClick={refreshFromTop}>
                    Refresh from the top
                  </Button>
                </>
              )}
            </div>
          }
        />
      )}
    </>
  );
}
