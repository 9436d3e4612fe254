import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  apiPaths,
  type AccountsResponse,
  type EmulatorNote,
  type GalleryImageDefinitionInfo,
  type GalleryImageVersionInfo,
  type GalleryInfo,
  type JobSummary,
  type NodeDetails,
  type NodeFile,
  type NodeSummary,
  type Page,
  type PoolDetails,
  type PoolSpecResponse,
  type PoolSummary,
  type SupportedImage,
  type TaskCounts,
  type TaskDetails,
  type TaskSummary,
  type VmSizesResponse,
} from "@batch-studio/shared";
import { useApi } from "../auth/AuthContext";
import { isApiError } from "../auth/apiError";
import { isFollowed, withStreamedSizes } from "./liveTask";
import { catalogKeys, galleryKeys, jobKeys, poolKeys, systemKeys, type TaskFilter } from "./keys";

/*
 * Thin hooks: a key from keys.ts, a URL from the shared apiPaths, and the query's `signal` passed
 * to fetch so navigating away cancels the request. Lists that change while you watch poll.
 */
type Items<T> = { items: T[] };

export function useAccounts() {
  const api = useApi();
  return useQuery({
    queryKey: systemKeys.accounts(),
    queryFn: ({ signal }) => api.json<AccountsResponse>(apiPaths.accounts(), { signal }),
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
        return await api.json<EmulatorNote>(apiPaths.emulator(), { signal });
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
    queryFn: ({ signal }) => api.json<Items<SupportedImage>>(apiPaths.catalogImages(account), { signal }),
    staleTime: 30 * 60_000,
  });
}

export function useVmSizes(account: string) {
  const api = useApi();
  return useQuery({
    queryKey: catalogKeys.vmSizes(account),
    queryFn: ({ signal }) => api.json<VmSizesResponse>(apiPaths.catalogVmSizes(account), { signal }),
    staleTime: 30 * 60_000,
  });
}

export function useGalleries(subscription: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: galleryKeys.all(subscription ?? ""),
    queryFn: ({ signal }) => api.json<Items<GalleryInfo>>(apiPaths.galleries(subscription!), { signal }),
    enabled: !!subscription,
  });
}

export function useGalleryImages(subscription?: string, resourceGroup?: string, gallery?: string) {
  const api = useApi();
  return useQuery({
    queryKey: galleryKeys.images(subscription ?? "", resourceGroup ?? "", gallery ?? ""),
    queryFn: ({ signal }) =>
      api.json<Items<GalleryImageDefinitionInfo>>(apiPaths.galleryImages(subscription!, resourceGroup!, gallery!), { signal }),
    enabled: !!(subscription && resourceGroup && gallery),
  });
}

export function useGalleryImageVersions(subscription?: string, resourceGroup?: string, gallery?: string, image?: string) {
  const api = useApi();
  return useQuery({
    queryKey: galleryKeys.versions(subscription ?? "", resourceGroup ?? "", gallery ?? "", image ?? ""),
    queryFn: ({ signal }) =>
      api.json<Items<GalleryImageVersionInfo>>(apiPaths.galleryImageVersions(subscription!, resourceGroup!, gallery!, image!), { signal }),
    enabled: !!(subscription && resourceGroup && gallery && image),
  });
}

export function usePools(account: string) {
  const api = useApi();
  return useQuery({
    queryKey: poolKeys.list(account),
    queryFn: ({ signal }) => api.json<Items<PoolSummary>>(apiPaths.pools(account), { signal }),
    refetchInterval: 10_000,
  });
}

export function usePool(account: string, pool: string) {
  const api = useApi();
  return useQuery({
    queryKey: poolKeys.detail(account, pool),
    queryFn: ({ signal }) => api.json<PoolDetails>(apiPaths.pool(account, pool), { signal }),
    // Poll faster while the pool is resizing so the progress bar moves.
    refetchInterval: (q) => (q.state.data?.allocationState === "resizing" ? 2_000 : 10_000),
  });
}

export function usePoolSpec(account: string, pool: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: poolKeys.spec(account, pool ?? ""),
    queryFn: ({ signal }) => api.json<PoolSpecResponse>(apiPaths.poolSpec(account, pool!), { signal }),
    enabled: !!pool,
  });
}

export function useNodes(account: string, pool: string, resizing = false) {
  const api = useApi();
  return useQuery({
    queryKey: poolKeys.nodes(account, pool),
    queryFn: ({ signal }) => api.json<Items<NodeSummary>>(apiPaths.nodes(account, pool), { signal }),
    refetchInterval: resizing ? 2_000 : 5_000,
  });
}

export function useNode(account: string, pool: string, node: string) {
  const api = useApi();
  return useQuery({
    queryKey: poolKeys.node(account, pool, node),
    queryFn: ({ signal }) => api.json<NodeDetails>(apiPaths.node(account, pool, node), { signal }),
    refetchInterval: 5_000,
  });
}

export function useNodeFiles(account: string, pool: string, node: string) {
  const api = useApi();
  return useQuery({
    queryKey: poolKeys.nodeFiles(account, pool, node),
    queryFn: ({ signal }) => api.json<Items<NodeFile>>(apiPaths.nodeFiles(account, pool, node), { signal }),
  });
}

export function useJobs(account: string) {
  const api = useApi();
  return useQuery({
    queryKey: jobKeys.list(account),
    queryFn: ({ signal }) => api.json<Items<JobSummary>>(apiPaths.jobs(account), { signal }),
    refetchInterval: 10_000,
  });
}

export function useJob(account: string, job: string) {
  const api = useApi();
  return useQuery({
    queryKey: jobKeys.detail(account, job),
    queryFn: ({ signal }) => api.json<JobSummary>(apiPaths.job(account, job), { signal }),
  });
}

export function useTaskCounts(account: string, job: string) {
  const api = useApi();
  return useQuery({
    queryKey: jobKeys.taskCounts(account, job),
    queryFn: ({ signal }) => api.json<TaskCounts>(apiPaths.taskCounts(account, job), { signal }),
    refetchInterval: 5_000,
  });
}

export const TASK_PAGE_SIZE = 500;

/** Server-side filtered, cursor-paged: the list grows a page at a time as you scroll, never "load all". */
export function useTaskPages(account: string, job: string, filter: TaskFilter) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: jobKeys.taskList(account, job, filter),
    queryFn: ({ signal, pageParam }) =>
      api.json<Page<TaskSummary>>(apiPaths.tasks(account, job, { ...filter, cursor: pageParam, pageSize: TASK_PAGE_SIZE }), { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Polled while it runs, unless a follow stream of it is open: the stream then writes its state (liveTask.ts). */
export function useTask(account: string, job: string, task: string) {
  const api = useApi();
  const client = useQueryClient();
  return useQuery({
    queryKey: jobKeys.task(account, job, task),
    queryFn: ({ signal }) => api.json<TaskDetails>(apiPaths.task(account, job, task), { signal }),
    refetchInterval: (q) => (q.state.data?.state === "completed" || isFollowed(client, { account, job, task }) ? false : 3_000),
  });
}

/** Polled for the other files; a file a stream follows keeps the stream's size, which the listing lags. */
export function useTaskFiles(account: string, job: string, task: string, enabled = true) {
  const api = useApi();
  const client = useQueryClient();
  return useQuery({
    queryKey: jobKeys.taskFiles(account, job, task),
    queryFn: async ({ signal }) =>
      withStreamedSizes(client, { account, job, task }, await api.json<Items<NodeFile>>(apiPaths.taskFiles(account, job, task), { signal })),
    enabled,
    refetchInterval: 5_000,
  });
}
