import { AddRegular } from "@fluentui/react-icons";
import { useEffect } from "react";
import { Link, useParams } from "../router";
import { useJob, useTaskCounts } from "../api/hooks";
import { paths } from "../router/paths";
import { ErrorState } from "../components/ErrorState";
import { LinkButton } from "../components/LinkButton";
import { PageHeader } from "../components/PageHeader";
import { TableSkeleton } from "../components/Skeletons";
import { preloadOutputViewer } from "../output/preload";
import { StateBadge } from "../components/StateBadge";
import { TaskCountsBar } from "./TaskCountsBar";
import { TaskList } from "./TaskList";

export default function JobPage() {
  const { account, job } = useParams() as { account: string; job: string };
  const details = useJob(account, job);
  const counts = useTaskCounts(account, job);
  // A task's output is the usual next click from here.
  useEffect(preloadOutputViewer, []);
  if (details.isPending) return <TableSkeleton label="Loading job" />;
  if (details.isError)
    return <ErrorState what={`job ${job}`} error={details.error} onRetry={() => details.refetch()} />;
  const t = counts.data?.tasks;
  return (
    <>
      <PageHeader
        title={job}
        actions={
          <LinkButton to={paths.newTask(account, job)} appearance="primary" icon={<AddRegular />}>
            Add container task
          </LinkButton>
        }
      >
        <StateBadge state={details.data.state} />
        {details.data.poolId && (
          <Link to={paths.pool(account, details.data.poolId)}>on {details.data.poolId}</Link>
        )}
      </PageHeader>
      <TaskCountsBar counts={counts.data} />
      <TaskList
        account={account}
        job={job}
        total={t ? t.active + t.running + t.completed : undefined}
        countsVersion={t ? `${t.active}/${t.running}/${t.completed}/${t.succeeded}/${t.failed}` : undefined}
      />
    </>
  );
}
