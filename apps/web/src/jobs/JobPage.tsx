import { useRouteGate } from "../api/permissions";
import { AddRegular, ArrowClockwiseRegular, CopyRegular, EditRegular } from "@fluentui/react-icons";
import { lazy, Suspense, useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "../router";
import { useJob, useTaskCounts } from "../api/jobs";
import { paths } from "../router/paths";
import { ErrorState } from "../components/ErrorState";
import { GatedButton } from "../components/GatedButton";
import { LinkButton } from "../components/LinkButton";
import { PageHeader } from "../components/PageHeader";
import { TableSkeleton } from "../components/Skeletons";
import { preloadOutputViewer } from "../output/preload";
import { StateBadge } from "../components/StateBadge";
import type { TaskAction } from "../tasks/taskActions";
import type { BulkTarget } from "./BulkTaskDialog";
import { JobActionButtons } from "./JobActionButtons";
import type { JobAction } from "./jobActions";
import { JobNodeTasksSection } from "./JobNodeTasksSection";
import { TaskCountsBar } from "./TaskCountsBar";
import { TaskList } from "./TaskList";

const JobActionDialog = lazy(() => import("./JobActionDialog").then((m) => ({ default: m.JobActionDialog })));
const BulkTaskDialog = lazy(() => import("./BulkTaskDialog").then((m) => ({ default: m.BulkTaskDialog })));

/** Batch refuses Job - Patch once a job is completing or gone (JobCompleted, JobBeingTerminated, JobBeingDeleted). */
const EDITABLE_STATES = new Set(["active", "disabling", "disabled", "enabling"]);

type Dialog = { kind: "job"; action: JobAction } | { kind: "tasks"; action: TaskAction; target: BulkTarget };

export default function JobPage() {
  const { account, job } = useParams() as { account: string; job: string };
  const navigate = useNavigate();
  const details = useJob(account, job);
  const counts = useTaskCounts(account, job);
  const [dialog, setDialog] = useState<Dialog>();
  const gate = useRouteGate(account);
  // A task's output is the usual next click from here.
  useEffect(preloadOutputViewer, []);
  if (details.isPending) return <TableSkeleton label="Loading job" />;
  if (details.isError)
    return <ErrorState what={`job ${job}`} error={details.error} onRetry={() => details.refetch()} />;
  const t = counts.data?.tasks;
  const j = details.data;
  // A dialog closes only itself: a late close from one that just went (Fluent may report it after
  // unmounting) must not shut the next one the operator already opened.
  const closeIf = (which: Dialog) => () => setDialog((open) => (open === which ? undefined : open));
  return (
    <>
      <PageHeader
        title={job}
        actions={
          <>
            <LinkButton to={paths.newTask(account, job)} appearance="primary" icon={<AddRegular />} gate={gate("addTask")}>
              Add container task
            </LinkButton>
            <LinkButton to={paths.sweep(account, job)} gate={gate("addTasks")}>
              Add many tasks
            </LinkButton>
            {t && t.failed > 0 && (
              <GatedButton
                icon={<ArrowClockwiseRegular />}
                gate={gate("reactivateTask")}
                onClick={() => setDialog({ kind: "tasks", action: "reactivate", target: { kind: "failed" } })}
              >
                Rerun {t.failed} failed
              </GatedButton>
            )}
            {EDITABLE_STATES.has(j.state) && (
              <LinkButton to={paths.editJob(account, job)} icon={<EditRegular />} gate={gate("updateJob")}>
                Edit
              </LinkButton>
            )}
            <LinkButton to={paths.cloneJob(account, job)} icon={<CopyRegular />} gate={gate("createJob")}>
              Clone
            </LinkButton>
            <JobActionButtons state={j.state} gate={gate} onAction={(action) => setDialog({ kind: "job", action })} />
          </>
        }
      >
        <StateBadge state={j.state} />
        {j.poolId && <Link to={paths.pool(account, j.poolId)}>on {j.poolId}</Link>}
      </PageHeader>
      <TaskCountsBar counts={counts.data} />
      {(j.hasPreparationTask || j.hasReleaseTask) && <JobNodeTasksSection account={account} job={job} />}
      <TaskList
        account={account}
        job={job}
        jobState={j.state}
        total={t ? t.active + t.running + t.completed : undefined}
        countsVersion={t ? `${t.active}/${t.running}/${t.completed}/${t.succeeded}/${t.failed}` : undefined}
        onBulk={(action, target) => setDialog({ kind: "tasks", action, target })}
      />
      <Suspense fallback={null}>
        {dialog?.kind === "job" && (
          <JobActionDialog
            account={account}
            job={job}
            action={dialog.action}
            onClose={closeIf(dialog)}
            onDone={(done) => done === "delete" && navigate(paths.jobs(account))}
          />
        )}
        {dialog?.kind === "tasks" && (
          <BulkTaskDialog
            account={account}
            job={job}
            jobState={j.state}
            action={dialog.action}
            target={dialog.target}
            onClose={closeIf(dialog)}
          />
        )}
      </Suspense>
    </>
  );
}
