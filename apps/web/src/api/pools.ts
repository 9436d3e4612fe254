import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouteBody } from "@batch-studio/shared";
import type { ApiClient } from "../auth/apiClient";
import { useApi } from "../auth/AuthContext";
import { callRoute } from "./callRoute";
import { poolKeys } from "./keys";

import { known } from "./hooks";

/* Pools beyond the list, their writes, and their nodes: the pool, node and wizard pages use them (the list is in hooks.ts, on the first route). */

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
