import { bothAllow, useRouteGate } from "../api/permissions";
import { Card, CardHeader, Caption1, Subtitle2 } from "@fluentui/react-components";
import { DeleteRegular, DismissCircleRegular, EditRegular, PauseRegular, PlayRegular } from "@fluentui/react-icons";
import type { JobSummary } from "@batch-studio/shared";
import { useState } from "react";
import { Link, useNavigate, useParams } from "../router";
import { useJobSchedule, useJobScheduleAction, useJobScheduleJobs } from "../api/schedules";
import { paths } from "../router/paths";
import { ActionButtons } from "../components/ActionButtons";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { ErrorState } from "../components/ErrorState";
import { FactList } from "../components/FactList";
import { LinkButton } from "../components/LinkButton";
import { useNotify } from "../components/notify";
import { PageHeader } from "../components/PageHeader";
import { RelativeTime } from "../components/RelativeTime";
import { TableSkeleton } from "../components/Skeletons";
import { StateBadge } from "../components/StateBadge";
import { VirtualTable, type Column } from "../components/VirtualTable";
import { recurrenceText, SCHEDULE_ACTIONS, scheduleActionAvailability, type ScheduleAction } from "./scheduleActions";

const ICONS = { disable: <PauseRegular />, enable: <PlayRegular />, terminate: <DismissCircleRegular />, delete: <DeleteRegular /> };

const jobColumns = (account: string): Column<JobSummary>[] => [
  { key: "id", header: "Job", width: "minmax(200px, 2fr)", render: (j) => <Link to={paths.job(account, j.id)}>{j.id}</Link> },
  { key: "state", header: "State", width: "120px", render: (j) => <StateBadge state={j.state} /> },
  { key: "created", header: "Created", width: "140px", render: (j) => <RelativeTime value={j.creationTime} /> },
];

/** Confirms one action on the schedule, says what Batch will do, and runs it. */
function ScheduleActionDialog({ account, schedule, action, onClose, onDone }: { account: string; schedule: string; action: ScheduleAction; onClose(): void; onDone(): void }) {
  const notify = useNotify();
  const a = SCHEDULE_ACTIONS[action];
  const run = useJobScheduleAction(account, schedule, a.route);
  return (
    <ConfirmDialog
      title={`${a.verb} schedule ${schedule}?`}
      confirmLabel={`${a.verb} schedule`}
      pending={run.isPending}
      onConfirm={() =>
        run.mutate(undefined, {
          onSuccess: () => {
            notify.success(a.done, schedule);
            onClose();
            onDone();
          },
          onError: (e) => notify.error(`${a.verb} failed`, e),
        })
      }
      onClose={onClose}
    >
      <p>{a.what}</p>
    </ConfirmDialog>
  );
}

/** One job schedule: when it runs, its state changes, and the jobs it created. */
export default function JobSchedulePage() {
  const { account, schedule } = useParams() as { account: string; schedule: string };
  const navigate = useNavigate();
  const details = useJobSchedule(account, schedule);
  const jobs = useJobScheduleJobs(account, schedule);
  const [action, setAction] = useState<ScheduleAction>();
  const gate = useRouteGate(account);
  if (details.isPending) return <TableSkeleton label="Loading job schedule" />;
  if (details.isError) return <ErrorState what={`job schedule ${schedule}`} error={details.error} onRetry={() => details.refetch()} />;
  const s = details.data;
  const toggle: ScheduleAction = scheduleActionAvailability("enable", s.state).ok ? "enable" : "disable";
  const actions = ([toggle, "terminate", "delete"] as const).map((a) => ({ action: a, label: SCHEDULE_ACTIONS[a].verb, icon: ICONS[a], availability: bothAllow(gate(SCHEDULE_ACTIONS[a].route), scheduleActionAvailability(a, s.state)) }));
  return (
    <>
      <PageHeader title={s.displayName ?? s.id} actions={
          <>
            {(s.state === "active" || s.state === "disabled") && (
              <LinkButton icon={<EditRegular />} to={paths.editSchedule(account, s.id)} gate={gate("updateJobSchedule")}>
                Edit
              </LinkButton>
            )}
            <ActionButtons<ScheduleAction> idPrefix="schedule" actions={actions} onAction={setAction} />
          </>
        }>
        <Link to={paths.schedules(account)}>Job schedules</Link>
        <StateBadge state={s.state} />
      </PageHeader>
      {action && <ScheduleActionDialog account={account} schedule={schedule} action={action} onClose={() => setAction(undefined)} onDone={() => action === "delete" && navigate(paths.schedules(account))} />}
      <Card>
        <CardHeader header={<Subtitle2 as="h2">Schedule</Subtitle2>} />
        <FactList
          facts={[
            ["Id", s.id],
            ["Pool", s.poolId ? <Link to={paths.pool(account, s.poolId)}>{s.poolId}</Link> : "—"],
            ["Runs", recurrenceText(s.schedule.recurrenceInterval)],
            ["Not before", s.schedule.doNotRunUntil ? <RelativeTime value={s.schedule.doNotRunUntil} /> : "—"],
            ["Not after", s.schedule.doNotRunAfter ? <RelativeTime value={s.schedule.doNotRunAfter} /> : "—"],
            ["Start window", s.schedule.startWindow ?? "—"],
            ["Next job", s.nextRunTime ? <RelativeTime value={s.nextRunTime} /> : "none due"],
            ["Open job", s.recentJobId ? <Link to={paths.job(account, s.recentJobId)}>{s.recentJobId}</Link> : "—"],
            ["Created", <RelativeTime value={s.creationTime} />],
          ]}
        />
      </Card>
      <Subtitle2 as="h2">Jobs it created</Subtitle2>
      {jobs.isError && <ErrorState what="the schedule's jobs" error={jobs.error} onRetry={() => jobs.refetch()} />}
      {jobs.data && jobs.data.items.length === 0 && <Caption1 as="p">No job yet: the first is created at the next due time.</Caption1>}
      {jobs.data && jobs.data.items.length > 0 && <VirtualTable label="Jobs of the schedule" columns={jobColumns(account)} rows={jobs.data.items} rowKey={(j) => j.id} height="auto" />}
    </>
  );
}
