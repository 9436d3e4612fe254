import { Caption1, Card, CardHeader, MessageBar, MessageBarBody, MessageBarTitle, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { useRouteGate } from "../api/permissions";
import { lazy, Suspense, useMemo, useState } from "react";
import type { SavedOutput } from "@batch-studio/shared";
import { Link, useNavigate, useParams } from "../router";
import { useJob, useTask, useTaskFiles } from "../api/jobs";
import { useTaskSavedOutputs } from "../api/savedOutputs";
import { paths } from "../router/paths";
import { ErrorState } from "../components/ErrorState";
import { PageHeader } from "../components/PageHeader";
import { RelativeTime } from "../components/RelativeTime";
import { TableSkeleton } from "../components/Skeletons";
import { StateBadge } from "../components/StateBadge";
import { OutputTabs } from "../output/OutputTabs";
import { savedOutputSource, taskFileSource } from "../output/outputSource";
import { FactList } from "../components/FactList";
import { TaskActionButtons } from "./TaskActionButtons";
import { SavedOutputsSection } from "./SavedOutputsSection";
import { FailureBanner } from "./FailureBanner";
import type { TaskAction } from "./taskActions";

const TaskActionDialog = lazy(() => import("./TaskActionDialog").then((m) => ({ default: m.TaskActionDialog })));
const TaskOutputViewer = lazy(() => import("../output/TaskOutputViewer").then((m) => ({ default: m.TaskOutputViewer })));

/** The saved copy of the task's stdout (else stderr), by the blob's file name. */
const savedStdFile = (items: readonly SavedOutput[] | undefined) =>
  items?.find((i) => /(^|\/)stdout\.txt$/.test(i.name)) ?? items?.find((i) => /(^|\/)stderr\.txt$/.test(i.name));

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace },
  files: { listStyleType: "none", margin: 0, padding: 0 },
});

export default function TaskPage() {
  const styles = useStyles();
  const { account, job, task } = useParams() as { account: string; job: string; task: string };
  const gate = useRouteGate(account);
  const navigate = useNavigate();
  const details = useTask(account, job, task);
  const jobDetails = useJob(account, job);
  const [action, setAction] = useState<TaskAction>();
  const files = useTaskFiles(account, job, task, !!details.data && details.data.state !== "active");
  const saved = useTaskSavedOutputs(account, job, task, details.data?.state !== "completed");
  // A completed task whose node no longer has its folder (node gone, or past retention): its saved std file, if any.
  const filesGone = details.data?.state === "completed" && files.data !== undefined && !files.data.items.some((f) => f.name === "stdout.txt");
  const savedStd = filesGone ? savedStdFile(saved.data?.items) : undefined;
  // A task that exited non-zero opens on what explains it: its stderr, when it wrote any.
  const explaining = details.data?.result === "failure" && (files.data?.items.find((f) => f.name === "stderr.txt")?.size ?? 0) > 0 ? "stderr.txt" : "stdout.txt";
  const source = useMemo(
    () => (savedStd ? savedOutputSource(account, job, task, savedStd.path) : taskFileSource(account, job, task, explaining)),
    [account, job, task, savedStd, explaining],
  );
  if (details.isPending) return <TableSkeleton label="Loading task" />;
  if (details.isError) return <ErrorState what={`task ${task}`} error={details.error} onRetry={() => details.refetch()} />;
  const t = details.data;
  const rows: [string, React.ReactNode][] = [
    ["Image", t.imageName ?? "—"],
    ["Command line", <code className={styles.mono}>{t.commandLine || "(image ENTRYPOINT)"}</code>],
    ["Run options", <code className={styles.mono}>{t.containerRunOptions || "—"}</code>],
    ["Node", t.nodeId ? <Link to={paths.node(account, t.poolId ?? "", t.nodeId)}>{t.nodeId}</Link> : "—"],
    ["Exit code", t.exitCode ?? "—"],
    ["Created", <RelativeTime value={t.creationTime} />],
    ["Started", <RelativeTime value={t.startTime} />],
    ["Ended", <RelativeTime value={t.endTime} />],
  ];
  return (
    <>
      <PageHeader title={task} actions={<TaskActionButtons task={t} jobState={jobDetails.data?.state} gate={gate} onAction={setAction} />}>
        <Link to={paths.job(account, job)}>{job}</Link>
        <StateBadge state={t.state} />
        {t.result && <StateBadge state={t.result} />}
      </PageHeader>
      {action && (
        <Suspense fallback={null}>
          <TaskActionDialog
            account={account}
            job={job}
            task={task}
            action={action}
            onClose={() => setAction(undefined)}
            onDone={(done) => done === "delete" && navigate(paths.job(account, job))}
          />
        </Suspense>
      )}
      {t.failure && <FailureBanner account={account} job={job} task={t} />}
      {t.containerError && (
        <MessageBar intent="error">
          <MessageBarBody>Container: {t.containerError}</MessageBarBody>
        </MessageBar>
      )}
      <Card>
        <CardHeader header={<Subtitle2 as="h2">Task</Subtitle2>} />
        <FactList facts={rows} />
      </Card>
      <Subtitle2 as="h2">Output</Subtitle2>
      {t.state === "active" ? (
        <Caption1>The task is queued: it has no output until a node starts it.</Caption1>
      ) : filesGone ? (
        <>
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>The task&apos;s files are gone from its node</MessageBarTitle>
              The node was removed or the files passed their retention time.{" "}
              {savedStd ? `Showing ${savedStd.name}, saved to Storage by the task's output files.` : "Only what its output files saved to Storage is left (below)."}
            </MessageBarBody>
          </MessageBar>
          {savedStd && (
            <Suspense fallback={<TableSkeleton rows={3} label="Loading viewer" />}>
              <TaskOutputViewer key={source.key} source={source} follow={false} sizeHint={savedStd.size} />
            </Suspense>
          )}
        </>
      ) : (
        <>
          <OutputTabs current={explaining} files={files.data?.items} onSelect={(n) => navigate(paths.taskFile(account, job, task, n))} />
          <Suspense fallback={<TableSkeleton rows={3} label="Loading viewer" />}>
            <TaskOutputViewer key={source.key} source={source} follow={t.state !== "completed"} />
          </Suspense>
          {files.data && files.data.items.length > 2 && (
            <>
              <Subtitle2 as="h3">All files</Subtitle2>
              <ul className={styles.files}>
                {files.data.items
                  .filter((f) => !f.isDirectory)
                  .map((f) => (
                    <li key={f.name}>
                      <Link to={paths.taskFile(account, job, task, f.name)}>{f.name}</Link>
                    </li>
                  ))}
              </ul>
            </>
          )}
        </>
      )}
      <SavedOutputsSection account={account} job={job} task={task} taskState={t.state} />
    </>
  );
}
