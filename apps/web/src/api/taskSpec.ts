import { useQuery } from "@tanstack/react-query";
import { useApi } from "../auth/AuthContext";
import { callRoute } from "./callRoute";
import { known } from "./hooks";
import { jobKeys } from "./keys";

/** A task as a spec, to add it again: read fresh each time (it is a starting point, not a view). */
export function useTaskSpec(account: string, job: string, task: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: [...jobKeys.task(account, job, task ?? ""), "spec"],
    queryFn: ({ signal }) => callRoute(api, "taskSpec", { account, job, task: task ?? "" }, { signal }),
    enabled: known(account, job, task),
    staleTime: 0,
    gcTime: 0,
  });
}
