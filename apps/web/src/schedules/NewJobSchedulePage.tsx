import { useParams } from "../router";
import { JobScheduleForm, NEW_SCHEDULE } from "./JobScheduleForm";

export default function NewJobSchedulePage() {
  const { account } = useParams() as { account: string };
  return <JobScheduleForm account={account} initial={NEW_SCHEDULE} />;
}
