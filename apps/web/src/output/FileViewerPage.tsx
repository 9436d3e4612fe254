import { Breadcrumb, BreadcrumbButton, BreadcrumbDivider, BreadcrumbItem } from "@fluentui/react-components";
import { memo, useDeferredValue, useMemo } from "react";
import type { NodeFile, TaskDetails } from "@batch-studio/shared";
import { Link, useNavigate, useParams } from "../router";
import { useNodeFiles } from "../api/pools";
import { useTask, useTaskFiles } from "../api/jobs";
import { useTaskSavedOutputs } from "../api/savedOutputs";
import { paths } from "../router/paths";
import { PageHeader } from "../components/PageHeader";
import { StateBadge } from "../components/StateBadge";
import { completionMessage } from "./completion";
import { OutputTabs } from "./OutputTabs";
import { nodeFileSource, savedOutputSource, taskFileSource } from "./outputSource";
import { TaskOutputViewer } from "./TaskOutputViewer";

/** Job › task (› a last step), each a link the router follows. */
function TaskBreadcrumb({ account, job, task, then }: { account: string; job: string; task: string; then?: string }) {
  const navigate = useNavigate();
  const step = (to: string, text: string) => (
    <BreadcrumbItem>
      <BreadcrumbButton as="a" href={to} onClick={(e) => { e.preventDefault(); navigate(to); }}>
        {text}
      </BreadcrumbButton>
    </BreadcrumbItem>
  );
  return (
    <Breadcrumb aria-label="Location">
      {step(paths.job(account, job), job)}
      <BreadcrumbDivider />
      {step(paths.task(account, job, task), task)}
      {then && (
        <>
          <BreadcrumbDivider />
          <BreadcrumbItem>{then}</BreadcrumbItem>
        </>
      )}
    </Breadcrumb>
  );
}

/** The listed size of a file, if the listing is already there (cached from the task page): it saves the viewer a read. */
const sizeOf = (items: readonly NodeFile[] | undefined, name: string) => items?.find((f) => f.name === name && !f.isDirectory)?.size;

/**
 * The task's details and file listing arrive while the viewer's first reads are in flight. Their
 * re-render of the page (header, tabs, viewer props) is deferred: React renders it in slices that
 * yield, so the viewer's next read and its first lines are not held up behind it. Only this small
 * component renders at once when they arrive.
 */
function TaskFileViewer({ account, job, task, file }: { account: string; job: string; task: string; file: string }) {
  const details = useTask(account, job, task);
  const files = useTaskFiles(account, job, task, details.data?.state !== "active");
  const taskDetails = useDeferredValue(details.data);
  const listed = useDeferredValue(files.data?.items);
  return <TaskFileView account={account} job={job} task={task} file={file} details={taskDetails} files={listed} />;
}

const TaskFileView = memo(function TaskFileView({
  account,
  job,
  task,
  file,
  details,
  files,
}: {
  account: string;
  job: string;
  task: string;
  file: string;
  details: TaskDetails | undefined;
  files: readonly NodeFile[] | undefined;
}) {
  const navigate = useNavigate();
  const state = details?.state;
  const completed = state === "completed" ? completionMessage(details?.exitCode) : undefined;
  const source = useMemo(() => taskFileSource(account, job, task, file), [account, job, task, file]);
  return (
    <>
      <TaskBreadcrumb account={account} job={job} task={task} />
      <PageHeader title={file}>{details && <StateBadge state={details.state} />}</PageHeader>
      <OutputTabs current={file} files={files} onSelect={(n) => navigate(paths.taskFile(account, job, task, n))} />
      {/* The viewer opens the file at once, in parallel with the task's details: its state only decides following. */}
      {state === "active" ? (
        <p>The task is queued: it has no output until a node starts it.</p>
      ) : (
        <TaskOutputViewer
          key={source.key}
          source={source}
          follow={state === undefined ? undefined : state !== "completed"}
          completed={completed}
          sizeHint={sizeOf(files, file)}
        />
      )}
    </>
  );
});

function NodeFileViewer({ account, pool, node, file }: { account: string; pool: string; node: string; file: string }) {
  const files = useNodeFiles(account, pool, node);
  const source = useMemo(() => nodeFileSource(account, pool, node, file), [account, pool, node, file]);
  const siblings = files.data?.items.filter((f) => !f.isDirectory && f.name.startsWith("startup/")) ?? [];
  return (
    <>
      <PageHeader title={file}>
        <Link to={paths.node(account, pool, node)}>{node}</Link>
      </PageHeader>
      {siblings.length > 0 && (
        <nav aria-label="Start task files">
          {siblings.map((f) => (
            <span key={f.name}>
              <Link to={paths.nodeFile(account, pool, node, f.name)}>{f.name}</Link>{" "}
            </span>
          ))}
        </nav>
      )}
      <TaskOutputViewer key={source.key} source={source} follow={false} sizeHint={sizeOf(files.data?.items, file)} />
    </>
  );
}

/** A saved output (`file` = "<output file index>/<blob name>"): read from Storage, so it opens after the node is gone too. */
function SavedOutputViewer({ account, job, task, file }: { account: string; job: string; task: string; file: string }) {
  const saved = useTaskSavedOutputs(account, job, task);
  const source = useMemo(() => savedOutputSource(account, job, task, file), [account, job, task, file]);
  const item = saved.data?.items.find((i) => i.path === file);
  return (
    <>
      <TaskBreadcrumb account={account} job={job} task={task} then="Saved outputs" />
      <PageHeader title={item?.name ?? file.replace(/^\d+\//, "")} />
      <TaskOutputViewer key={source.key} source={source} follow={false} sizeHint={item?.size} />
    </>
  );
}

/** /…/tasks/:task/files/:file, /…/tasks/:task/saved-outputs/:file and /…/nodes/:node/files/:file (file = URL-encoded path). */
export default function FileViewerPage({ source }: { source: "task" | "savedOutput" | "node" }) {
  const p = useParams() as Record<string, string>;
  const file = p.file!;
  if (source === "node") return <NodeFileViewer account={p.account!} pool={p.pool!} node={p.node!} file={file} />;
  const Viewer = source === "task" ? TaskFileViewer : SavedOutputViewer;
  return <Viewer account={p.account!} job={p.job!} task={p.task!} file={file} />;
}
