import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouteBody } from "@batch-studio/shared";
import type { ApiClient } from "../auth/apiClient";
import { useApi } from "../auth/AuthContext";
import { callRoute } from "./callRoute";
import { known } from "./hooks";
import { jobKeys } from "./keys";

/* Job and task writes, and the job's preparation/release status: only job and task pages use them, so they stay off the first route. */

export function useCreateJob(account: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<"createJob">) => callRoute(api, "createJob", { account }, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: jobKeys.list(account) }),
  });
}

export function useAddTask(account: string, job: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<"addTask">) => callRoute(api, "addTask", { account, job }, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: jobKeys.detail(account, job) }),
  });
}

/** A job as its spec and eTag, to edit or clone it: always what Batch has now, never a cached copy. */
export function useJobSpec(account: string, job: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: jobKeys.spec(account, job ?? ""),
    queryFn: ({ signal }) => callRoute(api, "jobSpec", { account, job: job ?? "" }, { signal }),
    enabled: known(account, job),
    staleTime: 0,
    gcTime: 0,
  });
}

/** A job's writes: each refreshes the job (its details, counts and tasks) and the job list. */
function useJobWrite<V>(account: string, job: string, write: (api: ApiClient, vars: V) => Promise<unknown>) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (vars: V) => write(api, vars),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: jobKeys.detail(account, job) }),
        client.invalidateQueries({ queryKey: jobKeys.list(account) }),
      ]),
  });
}

export const useTerminateJob = (account: string, job: string) =>
  useJobWrite(account, job, (api, reason: string | undefined) =>
    callRoute(api, "terminateJob", { account, job }, { body: reason ? { reason } : {} }),
  );

export const useUpdateJob = (account: string, job: string) =>
  useJobWrite(account, job, (api, body: RouteBody<"updateJob">) => callRoute(api, "updateJob", { account, job }, { body }));

export const useDeleteJob = (account: string, job: string) =>
  useJobWrite(account, job, (api, _: void) => callRoute(api, "deleteJob", { account, job }));

export const useDisableJob = (account: string, job: string) =>
  useJobWrite(account, job, (api, body: RouteBody<"disableJob">) => callRoute(api, "disableJob", { account, job }, { body }));

export const useEnableJob = (account: string, job: string) =>
  useJobWrite(account, job, (api, _: void) => callRoute(api, "enableJob", { account, job }));

/** One task's writes (terminate, delete, reactivate) by route name; the job's queries refresh after. */
export type TaskActionRoute = "terminateTask" | "deleteTask" | "reactivateTask";

export const useTaskAction = (account: string, job: string, action: TaskActionRoute) =>
  useJobWrite(account, job, (api, task: string) => callRoute(api, action, { account, job, task }));

/** Per node, how the job's preparation and release tasks ran; only asked for a job that has them. */
export function useJobNodeTaskStatus(account: string, job: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: jobKeys.nodeTaskStatus(account, job),
    queryFn: ({ signal }) => callRoute(api, "jobNodeTaskStatus", { account, job }, { signal }),
    refetchInterval: 10_000,
    enabled: enabled && known(account, job),
  });
}
