import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouteBody } from "@batch-studio/shared";
import type { ApiClient } from "../auth/apiClient";
import { useApi } from "../auth/AuthContext";
import { callRoute } from "./callRoute";
import { isApiError } from "../auth/apiError";
import { isFollowed, withStreamedSizes } from "./liveTask";
import { catalogKeys, jobKeys, poolKeys, systemKeys, type TaskFilter } from "./keys";

/*
 * Thin hooks: a key from keys.ts, a route of the shared table by name (callRoute types its answer
 * from the route), and the query's `signal` passed to fetch so navigating away cancels the
 * request. Lists that change while you watch poll.
 */

/**
 * A query whose ids are not all known yet must not run: an empty id would build "…/pools/", a
 * different URL (the BFF answers it with 400, and it once answered the pool list, cached as a pool).
 */
export const known = (...ids: (string | undefined)[]) => ids.every((id) => id !== undefined && id !== "");

export function useAccounts() {
  const api = useApi();
  return useQuery({
    queryKey: systemKeys.accounts(),
    queryFn: ({ signal }) => callRoute(api, "accounts", {}, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** The emulator's runtime note; a 404 means "not the emulator", which is not an error. */
export function useEmulatorNote() {
  const api = useApi();
  return useQuery({
    queryKey: systemKeys.emulator(),
    queryFn: async ({ signal }) => {
      try {
        return await callRoute(api, "emulator", {}, { signal });
      } catch (e) {
        if (isApiError(e) && e.status === 404) return null;
        throw e;
      }
    },
    staleTime: Infinity,
  });
}

export function useSupportedImages(account: string) {
  const api = useApi();
  return useQuery({
    queryKey: catalogKeys.images(account),
    queryFn: ({ signal }) => callRoute(api, "catalogImages", { account }, { signal }),
    staleTime: 30 * 60_000,
    enabled: known(account),
  });
}

export function useVmSizes(account: string) {
  const api = useApi();
  return useQuery({
    queryKey: catalogKeys.vmSizes(account),
    queryFn: ({ signal }) => callRoute(api, "catalogVmSizes", { account }, { signal }),
    staleTime: 30 * 60_000,
    enabled: known(account),
  });
}

export function usePools(account: string) {
  const api = useApi();
  return useQuery({
    queryKey: poolKeys.list(account),
    queryFn: ({ signal }) => callRoute(api, "pools", { account }, { signal }),
    refetchInterval: 10_000,
    enabled: known(account),
  });
}

export function usePool(account: string, pool: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: poolKeys.detail(account, pool ?? ""),
    queryFn: ({ signal }) => callRoute(api, "pool", { account, pool: pool! }, { signal }),
    enabled: known(account, pool),
    // Poll faster while the pool is resizing so the progress bar moves.
    refetchInterval: (q) => (q.state.data?.allocationState === "resizing" ? 2_000 : 10_000),
  });
}

/** The pool as a spec (for clone and export): one definition for the hook and for a one-off fetch. */
export const poolSpecQuery = (api: ApiClient, account: string, pool: string) =>
  queryOptions({
    queryKey: poolKeys.spec(account, pool),
    queryFn: ({ signal }) => callRoute(api, "poolSpec", { account, pool }, { signal }),
  });

export function usePoolSpec(account: string, pool: string | undefined) {
  const api = useApi();
  return useQuery({ ...poolSpecQuery(api, account, pool ?? ""), enabled: known(account, pool) });
}

/*
 * Writes live beside the reads of their resource: each says which cached queries it makes stale,
 * so no page invalidates by hand. Pages add their own notices through mutate's callbacks.
 */

export function useCreatePool(account: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<"createPool">) => callRoute(api, "createPool", { account }, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: poolKeys.list(account) }),
  });
}

export function useDeletePool(account: string, pool: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => callRoute(api, "deletePool", { account, pool }),
    onSuccess: () => client.invalidateQueries({ queryKey: poolKeys.all(account) }),
  });
}

export function useResizePool(account: string, pool: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<"resizePool">) => callRoute(api, "resizePool", { account, pool }, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: poolKeys.detail(account, pool) }),
  });
}

export function useSetPoolStartTask(account: string, pool: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<"setPoolStartTask">) =>
      callRoute(api, "setPoolStartTask", { account, pool }, { body }),
    onSuccess: (updated) => {
      client.setQueryData(poolKeys.detail(account, pool), updated);
      return client.invalidateQueries({ queryKey: poolKeys.all(account) });
    },
  });
}

export function useRebootNode(account: string, pool: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (node: string) => callRoute(api, "rebootNode", { account, pool, node }),
    onSuccess: () => client.invalidateQueries({ queryKey: poolKeys.nodes(account, pool) }),
  });
}

/** Reboots several nodes at once; each is its own request, and the answer counts what Batch took and what it refused. */
export function useRebootNodes(account: string, pool: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (nodeIds: string[]) => {
      const results = await Promise.allSettled(
        nodeIds.map((node) => callRoute(api, "rebootNode", { account, pool, node })),
      );
      const failed = results.flatMap((r): unknown[] => (r.status === "rejected" ? [r.reason] : []));
      return { requested: nodeIds.length - failed.length, failed };
    },
    onSettled: () => client.invalidateQueries({ queryKey: poolKeys.nodes(account, pool) }),
  });
}

export function useNodes(account: string, pool: string, resizing = false) {
  const api = useApi();
  return useQuery({
    queryKey: poolKeys.nodes(account, pool),
    queryFn: ({ signal }) => callRoute(api, "nodes", { account, pool }, { signal }),
    refetchInterval: resizing ? 2_000 : 5_000,
    enabled: known(account, pool),
  });
}

export function useNode(account: string, pool: string, node: string) {
  const api = useApi();
  return useQuery({
    queryKey: poolKeys.node(account, pool, node),
    queryFn: ({ signal }) => callRoute(api, "node", { account, pool, node }, { signal }),
    refetchInterval: 5_000,
    enabled: known(account, pool, node),
  });
}

export function useNodeFiles(account: string, pool: string, node: string) {
  const api = useApi();
  return useQuery({
    queryKey: poolKeys.nodeFiles(account, pool, node),
    queryFn: ({ signal }) => callRoute(api, "nodeFiles", { account, pool, node }, { signal }),
    enabled: known(account, pool, node),
  });
}

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
