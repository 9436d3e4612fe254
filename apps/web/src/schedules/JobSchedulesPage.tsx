import { useRouteGate } from "../api/permissions";
import { AddRegular, CalendarClockRegular } from "@fluentui/react-icons";
import type { JobScheduleSummary } from "@batch-studio/shared";
import { Link, useParams } from "../router";
import { useJobSchedules } from "../api/schedules";
import { paths } from "../router/paths";
import { EmptyState } from "../components/EmptyState";
import { ErrorState } from "../components/ErrorState";
import { LinkButton } from "../components/LinkButton";
import { PageHeader } from "../components/PageHeader";
import { RelativeTime } from "../components/RelativeTime";
import { TableSkeleton } from "../components/Skeletons";
import { StateBadge } from "../components/StateBadge";
import { VirtualTable, type Column } from "../components/VirtualTable";
import { recurrenceText } from "./scheduleActions";

const columns = (account: string): Column<JobScheduleSummary>[] => [
  { key: "id", header: "Schedule", width: "minmax(180px, 2fr)", render: (s) => <Link to={paths.schedule(account, s.id)}>{s.id}</Link> },
  { key: "state", header: "State", width: "120px", render: (s) => <StateBadge state={s.state} /> },
  { key: "pool", header: "Pool", width: "minmax(140px, 1fr)", render: (s) => (s.poolId ? <Link to={paths.pool(account, s.poolId)}>{s.poolId}</Link> : "—") },
  { key: "recurrence", header: "Runs", width: "120px", render: (s) => recurrenceText(s.schedule.recurrenceInterval) },
  { key: "next", header: "Next job", width: "140px", render: (s) => <RelativeTime value={s.nextRunTime} /> },
  { key: "job", header: "Open job", width: "minmax(160px, 1fr)", render: (s) => (s.recentJobId ? <Link to={paths.job(account, s.recentJobId)}>{s.recentJobId}</Link> : "—") },
];

const NewSchedule = ({ account }: { account: string }) => (
  <LinkButton appearance="primary" icon={<AddRegular />} to={paths.newSchedule(account)} gate={useRouteGate(account)("createJobSchedule")}>
    New schedule
  </LinkButton>
);

/** The account's job schedules: what each creates, when it next does, and its open job. */
export default function JobSchedulesPage() {
  const account = useParams().account!;
  const schedules = useJobSchedules(account);
  const items = schedules.data?.items ?? [];
  return (
    <>
      <PageHeader title="Job schedules" actions={<NewSchedule account={account} />} />
      {schedules.isPending && <TableSkeleton label="Loading job schedules" />}
      {schedules.isError && <ErrorState what="job schedules" error={schedules.error} onRetry={() => schedules.refetch()} />}
      {schedules.data && items.length === 0 && (
        <EmptyState icon={<CalendarClockRegular />} title="No job schedules yet" action={<NewSchedule account={account} />}>
          A schedule creates a job on a pool now or later, once or again and again, from one job specification.
        </EmptyState>
      )}
      {items.length > 0 && <VirtualTable label="Job schedules" columns={columns(account)} rows={items} rowKey={(s) => s.id} />}
    </>
  );
}
