import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useApi } from "../auth/AuthContext";
import { callRoute } from "./callRoute";
import { isFollowed, withStreamedSizes } from "./liveTask";
import { jobKeys, type TaskFilter } from "./keys";

import { known } from "./hooks";

/* Jobs and tasks as the job and task pages read them. */

export function useJobs(account: string) {
  const api = useApi();
  return useQuery({
    queryKey: jobKeys.list(account),
    queryFn: ({ signal }) => callRoute(api, "jobs", { account }, { signal }),
    refetchInterval: 10_000,
    enabled: known(account),
  });
}

const JOB_STATES_IN_TRANSITION = new Set(["disabling", "enabling", "terminating", "deleting"]);

export function useJob(account: string, job: string) {
  const api = useApi();
  return useQuery({
    queryKey: jobKeys.detail(account, job),
    queryFn: ({ signal }) => callRoute(api, "job", { account, job }, { signal }),
    enabled: known(account, job),
    // A job on its way between states (disabling, terminating, …) is polled until it gets there.
    refetchInterval: (q) => (JOB_STATES_IN_TRANSITION.has(q.state.data?.state ?? "") ? 2_000 : 10_000),
  });
}

export function useTaskCounts(account: string, job: string) {
  const api = useApi();
  return useQuery({
    queryKey: jobKeys.taskCounts(account, job),
    queryFn: ({ signal }) => callRoute(api, "taskCounts", { account, job }, { signal }),
    refetchInterval: 5_000,
    enabled: known(account, job),
  });
}

export const TASK_PAGE_SIZE = 500;

/** Server-side filtered, cursor-paged: the list grows a page at a time as you scroll, never "load all". */
export function useTaskPages(account: string, job: string, filter: TaskFilter) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: jobKeys.taskList(account, job, filter),
    queryFn: ({ signal, pageParam }) =>
      callRoute(
        api,
        "tasks",
        { account, job },
        { signal, query: { ...filter, cursor: pageParam, pageSize: TASK_PAGE_SIZE } },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    enabled: known(account, job),
  });
}

/** Polled while it runs, unless a follow stream of it is open: the stream then writes its state (liveTask.ts). */
export function useTask(account: string, job: string, task: string) {
  const api = useApi();
  const client = useQueryClient();
  return useQuery({
    queryKey: jobKeys.task(account, job, task),
    queryFn: ({ signal }) => callRoute(api, "task", { account, job, task }, { signal }),
    refetchInterval: (q) =>
      q.state.data?.state === "completed" || isFollowed(client, { account, job, task }) ? false : 3_000,
    enabled: known(account, job, task),
  });
}

/** Polled for the other files; a file a stream follows keeps the stream's size, which the listing lags. */
export function useTaskFiles(account: string, job: string, task: string, enabled = true) {
  const api = useApi();
  const client = useQueryClient();
  return useQuery({
    queryKey: jobKeys.taskFiles(account, job, task),
    queryFn: async ({ signal }) =>
      withStreamedSizes(
        client,
        { account, job, task },
        await callRoute(api, "taskFiles", { account, job, task }, { signal }),
      ),
    enabled: enabled && known(account, job, task),
    refetchInterval: 5_000,
  });
}
