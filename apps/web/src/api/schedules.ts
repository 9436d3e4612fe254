import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouteBody } from "@batch-studio/shared";
import { useApi } from "../auth/AuthContext";
import { callRoute } from "./callRoute";
import { known } from "./hooks";
import { jobKeys } from "./keys";

/* Job schedules: reads poll (a schedule creates jobs on its own), writes say what they make stale. Only the schedule pages load this. */

export const scheduleKeys = {
  all: (account: string) => ["account", account, "job-schedules"] as const,
  list: (account: string) => [...scheduleKeys.all(account), "list"] as const,
  detail: (account: string, schedule: string) => [...scheduleKeys.all(account), "detail", schedule] as const,
  jobs: (account: string, schedule: string) => [...scheduleKeys.detail(account, schedule), "jobs"] as const,
  spec: (account: string, schedule: string) => [...scheduleKeys.detail(account, schedule), "spec"] as const,
};


export function useJobSchedules(account: string) {
  const api = useApi();
  return useQuery({
    queryKey: scheduleKeys.list(account),
    queryFn: ({ signal }) => callRoute(api, "jobSchedules", { account }, { signal }),
    refetchInterval: 10_000,
    enabled: known(account),
  });
}

export function useJobSchedule(account: string, jobSchedule: string) {
  const api = useApi();
  return useQuery({
    queryKey: scheduleKeys.detail(account, jobSchedule),
    queryFn: ({ signal }) => callRoute(api, "jobSchedule", { account, jobSchedule }, { signal }),
    refetchInterval: 5_000,
    enabled: known(account, jobSchedule),
  });
}

/** The jobs the schedule created (its open one and the completed ones Batch still keeps). */
export function useJobScheduleJobs(account: string, jobSchedule: string) {
  const api = useApi();
  return useQuery({
    queryKey: scheduleKeys.jobs(account, jobSchedule),
    queryFn: ({ signal }) => callRoute(api, "jobScheduleJobs", { account, jobSchedule }, { signal }),
    refetchInterval: 5_000,
    enabled: known(account, jobSchedule),
  });
}

export function useCreateJobSchedule(account: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<"createJobSchedule">) => callRoute(api, "createJobSchedule", { account }, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: scheduleKeys.list(account) }),
  });
}

export type ScheduleActionRoute = "disableJobSchedule" | "enableJobSchedule" | "terminateJobSchedule" | "deleteJobSchedule";

/** One of the schedule's state changes; the schedule and the jobs (a terminate ends its open job) are read again. */
export function useJobScheduleAction(account: string, jobSchedule: string, route: ScheduleActionRoute) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => callRoute(api, route, { account, jobSchedule }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: scheduleKeys.all(account) }),
        client.invalidateQueries({ queryKey: jobKeys.list(account) }),
      ]),
  });
}

/** The schedule as a spec, for editing (Batch never returns registry passwords: they come back empty). */
export function useJobScheduleSpec(account: string, jobSchedule: string) {
  const api = useApi();
  return useQuery({
    queryKey: scheduleKeys.spec(account, jobSchedule),
    queryFn: ({ signal }) => callRoute(api, "jobScheduleSpec", { account, jobSchedule }, { signal }),
    enabled: known(account, jobSchedule),
    // An edit starts from what Batch has now, not from a cached copy.
    staleTime: 0,
    gcTime: 0,
  });
}

export function useUpdateJobSchedule(account: string, jobSchedule: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<"updateJobSchedule">) => callRoute(api, "updateJobSchedule", { account, jobSchedule }, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: scheduleKeys.all(account) }),
  });
}
