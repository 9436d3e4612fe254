import { useQuery } from "@tanstack/react-query";
import { useApi } from "../auth/AuthContext";
import { callRoute } from "./callRoute";
import { known } from "./hooks";
import { jobKeys } from "./keys";

/* Only task pages read these: kept out of the first route's hooks. */

/** Where the task's output files went and the blobs there (read from Storage, so also after the node is gone). */
export function useTaskSavedOutputs(account: string, job: string, task: string, live = false) {
  const api = useApi();
  return useQuery({
    queryKey: jobKeys.taskSavedOutputs(account, job, task),
    queryFn: ({ signal }) => callRoute(api, "taskSavedOutputs", { account, job, task }, { signal }),
    enabled: known(account, job, task),
    // While the task runs its uploads are still to come; afterwards the blobs only change by hand.
    refetchInterval: live ? 5_000 : false,
  });
}
