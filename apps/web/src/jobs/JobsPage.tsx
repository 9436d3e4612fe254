import { useRouteGate, type RouteGate } from "../api/permissions";
import { AddRegular, TaskListLtrRegular } from "@fluentui/react-icons";
import type { JobSummary } from "@batch-studio/shared";
import { Link, useParams } from "../router";
import { useJobs } from "../api/jobs";
import { paths } from "../router/paths";
import { EmptyState } from "../components/EmptyState";
import { ErrorState } from "../components/ErrorState";
import { PageHeader } from "../components/PageHeader";
import { RelativeTime } from "../components/RelativeTime";
import { TableSkeleton } from "../components/Skeletons";
import { StateBadge } from "../components/StateBadge";
import { VirtualTable, type Column } from "../components/VirtualTable";
import { LinkButton } from "../components/LinkButton";
import { lazy, Suspense, useState } from "react";
import type { JobAction } from "./jobActions";
import { JobRowMenu } from "./JobRowMenu";
import { ScreenReaderText } from "../components/ScreenReaderText";

const JobActionDialog = lazy(() => import("./JobActionDialog").then((m) => ({ default: m.JobActionDialog })));

const columns = (account: string, gate: RouteGate, onAction: (job: string, a: JobAction) => void): Column<JobSummary>[] => [
  {
    key: "id",
    header: "Job",
    width: "minmax(180px, 2fr)",
    render: (j) => <Link to={paths.job(account, j.id)}>{j.id}</Link>,
  },
  { key: "state", header: "State", width: "120px", render: (j) => <StateBadge state={j.state} /> },
  {
    key: "pool",
    header: "Pool",
    width: "minmax(140px, 1fr)",
    render: (j) => (j.poolId ? <Link to={paths.pool(account, j.poolId)}>{j.poolId}</Link> : "—"),
  },
  { key: "priority", header: "Priority", width: "80px", render: (j) => j.priority ?? 0 },
  {
    key: "created",
    header: "Created",
    width: "140px",
    render: (j) => <RelativeTime value={j.creationTime} />,
  },
  {
    key: "actions",
    header: <ScreenReaderText>Actions</ScreenReaderText>,
    width: "48px",
    render: (j) => <JobRowMenu job={j.id} state={j.state} gate={gate} onAction={(a) => onAction(j.id, a)} />,
  },
];

const NewJob = ({ account }: { account: string }) => (
  <LinkButton appearance="primary" icon={<AddRegular />} to={paths.newJob(account)} gate={useRouteGate(account)("createJob")}>
    New job
  </LinkButton>
);

export default function JobsPage() {
  const account = useParams().account!;
  const jobs = useJobs(account);
  const items = jobs.data?.items ?? [];
  const [dialog, setDialog] = useState<{ job: string; action: JobAction }>();
  const gate = useRouteGate(account);
  return (
    <>
      <PageHeader title="Jobs" actions={<NewJob account={account} />} />
      {jobs.isPending && <TableSkeleton label="Loading jobs" />}
      {jobs.isError && <ErrorState what="jobs" error={jobs.error} onRetry={() => jobs.refetch()} />}
      {jobs.data && items.length === 0 && (
        <EmptyState
          icon={<TaskListLtrRegular />}
          title="No jobs yet"
          action={<NewJob account={account} />}
        >
          A job groups tasks and runs them on one pool. Create one, then add container tasks to it.
        </EmptyState>
      )}
      {items.length > 0 && (
        <VirtualTable
          label="Jobs"
          columns={columns(account, gate, (job, action) => setDialog({ job, action }))}
          rows={items}
          rowKey={(j) => j.id}
        />
      )}
      {dialog && (
        <Suspense fallback={null}>
          <JobActionDialog account={account} job={dialog.job} action={dialog.action} onClose={() => setDialog(undefined)} />
        </Suspense>
      )}
    </>
  );
}
