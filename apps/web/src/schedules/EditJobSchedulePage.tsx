import { useParams } from "../router";
import { useJobScheduleSpec } from "../api/schedules";
import { ErrorState } from "../components/ErrorState";
import { TableSkeleton } from "../components/Skeletons";
import { JobScheduleForm } from "./JobScheduleForm";

/** The schedule's spec as Batch holds it (registry passwords come back empty and are asked for again), in the schedule form. */
export default function EditJobSchedulePage() {
  const { account, schedule } = useParams() as { account: string; schedule: string };
  const spec = useJobScheduleSpec(account, schedule);
  if (spec.isPending) return <TableSkeleton label="Loading the schedule" />;
  if (spec.isError) return <ErrorState what={`job schedule ${schedule}`} error={spec.error} onRetry={() => spec.refetch()} />;
  return <JobScheduleForm account={account} initial={spec.data.spec} editing />;
}
