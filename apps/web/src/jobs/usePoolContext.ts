import { useCallback, useMemo } from "react";
import { osOfNodeAgentSku, type PoolDetails, type ValidationContext } from "@batch-studio/shared";
import { usePools } from "../api/hooks";

/**
 * The facts the job rules judge a job's pool by (is it a container pool), from the pool list the
 * form already shows: a function of the pool id, so a change of pool needs no new request.
 */
export function usePoolContext(account: string): (poolId: string) => ValidationContext {
  const pools = usePools(account);
  const byId = useMemo(() => new Map((pools.data?.items ?? []).map((p) => [p.id, p])), [pools.data]);
  return useCallback(
    (poolId: string): ValidationContext => {
      const p = byId.get(poolId);
      return p ? { pool: { poolId: p.id, isContainerPool: p.isContainerPool, prefetchImages: [], registryServers: [] } } : {};
    },
    [byId],
  );
}

/**
 * The facts the task rules judge a pool by, from its details (the pool's own page query): what it
 * prefetches, which registries it holds credentials for, and its OS from the node agent, so the
 * rules judge before the BFF's check is in.
 */
export function poolFactOf(pool: PoolDetails): NonNullable<ValidationContext["pool"]> {
  const osType = pool.nodeAgentSkuId ? osOfNodeAgentSku(pool.nodeAgentSkuId) : undefined;
  return {
    poolId: pool.id,
    isContainerPool: pool.isContainerPool,
    prefetchImages: pool.prefetchImages,
    registryServers: pool.registries.map((r) => r.server),
    ...(osType ? { osType } : {}),
  };
}
