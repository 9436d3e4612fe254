import { Breadcrumb, BreadcrumbButton, BreadcrumbDivider, BreadcrumbItem } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useNodeFiles, useTask, useTaskFiles } from "../api/hooks";
import { paths } from "../app/paths";
import { PageHeader } from "../components/PageHeader";
import { StateBadge } from "../components/StateBadge";
import { completionMessage } from "./completion";
import { OutputTabs, type LiveSize } from "./OutputTabs";
import { nodeFileSource, taskFileSource } from "./outputSource";
import { TaskOutputViewer } from "./TaskOutputViewer";

function TaskFileViewer({ account, job, task, file }: { account: string; job: string; task: string; file: string }) {
  const navigate = useNavigate();
  const details = useTask(account, job, task);
  const running = details.data ? details.data.state !== "completed" : false;
  const completed = details.data?.state === "completed" ? completionMessage(details.data.exitCode) : undefined;
  const files = useTaskFiles(account, job, task, details.data?.state !== "active");
  const source = useMemo(() => taskFileSource(account, job, task, file), [account, job, task, file]);
  // The listing is polled; the viewer's stream is live, so the open file's tab shows the stream's size.
  const [live, setLive] = useState<LiveSize | undefined>();
  const onSize = useMemo(() => (size: number) => setLive({ name: file, size }), [file]);
  return (
    <>
      <Breadcrumb aria-label="Location">
        <BreadcrumbItem>
          <BreadcrumbButton as="a" href={paths.job(account, job)} onClick={(e) => { e.preventDefault(); navigate(paths.job(account, job)); }}>
            {job}
          </BreadcrumbButton>
        </BreadcrumbItem>
        <BreadcrumbDivider />
        <BreadcrumbItem>
          <BreadcrumbButton as="a" href={paths.task(account, job, task)} onClick={(e) => { e.preventDefault(); navigate(paths.task(account, job, task)); }}>
            {task}
          </BreadcrumbButton>
        </BreadcrumbItem>
      </Breadcrumb>
      <PageHeader title={file}>{details.data && <StateBadge state={details.data.state} />}</PageHeader>
      <OutputTabs current={file} files={files.data?.items} live={live} onSelect={(n) => navigate(paths.taskFile(account, job, task, n))} />
      {details.data?.state === "active" ? (
        <p>The task is queued: it has no output until a node starts it.</p>
      ) : (
        details.data && <TaskOutputViewer key={source.key} source={source} follow={running} completed={completed} onSize={onSize} />
      )}
    </>
  );
}

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
      <TaskOutputViewer key={source.key} source={source} follow={false} />
    </>
  );
}

/** /…/tasks/:task/files/:file and /…/nodes/:node/files/:file (file = URL-encoded path). */
export default function FileViewerPage({ source }: { source: "task" | "node" }) {
  const p = useParams() as Record<string, string>;
  const file = p.file!;
  return source === "task" ? (
    <TaskFileViewer account={p.account!} job={p.job!} task={p.task!} file={file} />
  ) : (
    <NodeFileViewer account={p.account!} pool={p.pool!} node={p.node!} file={file} />
  );
}
