import { Caption1, Subtitle2 } from "@fluentui/react-components";
import type { JobNodeTaskRun, JobNodeTaskStatus } from "@batch-studio/shared";
import { useJobNodeTaskStatus } from "../api/jobWrites";
import { ErrorState } from "../components/ErrorState";
import { RelativeTime } from "../components/RelativeTime";
import { TableSkeleton } from "../components/Skeletons";
import { StateBadge } from "../components/StateBadge";
import { VirtualTable, type Column } from "../components/VirtualTable";
import { Link } from "../router";
import { paths } from "../router/paths";

const run = (r: JobNodeTaskRun | undefined, none: string) =>
  r ? (
    <>
      <StateBadge state={r.result === "failure" ? "failed" : r.state} />
      {r.exitCode !== undefined && ` exit ${r.exitCode}`}
      {r.failure?.code && ` · ${r.failure.code}`}
    </>
  ) : (
    none
  );

const columns = (account: string): Column<JobNodeTaskStatus>[] => [
  {
    key: "node",
    header: "Node",
    width: "minmax(140px, 2fr)",
    render: (s) =>
      s.poolId ? <Link to={paths.node(account, s.poolId, s.nodeId)}>{s.nodeId}</Link> : s.nodeId,
  },
  { key: "prep", header: "Preparation", width: "minmax(160px, 2fr)", render: (s) => run(s.preparation, "—") },
  {
    key: "prepEnd",
    header: "Prepared",
    width: "120px",
    render: (s) => <RelativeTime value={s.preparation?.endTime} />,
  },
  {
    key: "release",
    header: "Release",
    width: "minmax(160px, 2fr)",
    render: (s) => run(s.release, "when the job ends"),
  },
];

/** Per node, how the job's preparation task (and, once the job ended, its release task) ran. */
export function JobNodeTasksSection({ account, job }: { account: string; job: string }) {
  const status = useJobNodeTaskStatus(account, job, true);
  return (
    <section aria-labelledby="prep-release">
      <Subtitle2 as="h2" id="prep-release">
        Preparation and release
      </Subtitle2>
      {status.isPending && <TableSkeleton rows={2} label="Loading preparation and release status" />}
      {status.isError && (
        <ErrorState
          what="preparation and release status"
          error={status.error}
          onRetry={() => status.refetch()}
        />
      )}
      {status.data && status.data.items.length === 0 && (
        <Caption1 as="p">
          No node has run the preparation task yet: it runs on a node before the job&apos;s first task there.
        </Caption1>
      )}
      {status.data && status.data.items.length > 0 && (
        <VirtualTable
          label="Preparation and release per node"
          columns={columns(account)}
          rows={status.data.items}
          rowKey={(s) => s.nodeId}
          height="auto"
        />
      )}
    </section>
  );
}
