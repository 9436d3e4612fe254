import type { PoolDetails, PoolSummary } from "@batch-studio/shared";

/** A one-node, steady, active pool as the BFF lists it; tests say only what differs. */
export const poolSummary = (over: Partial<PoolSummary> = {}): PoolSummary => ({
  id: "p1",
  vmSize: "standard_d2s_v3",
  state: "active",
  allocationState: "steady",
  currentDedicatedNodes: 1,
  currentSpotNodes: 0,
  targetDedicatedNodes: 1,
  targetSpotNodes: 0,
  isContainerPool: true,
  resizeErrors: [],
  ...over,
});

/** The same pool as its page reads it: no prefetched images or registries unless given. */
export const poolDetails = (over: Partial<PoolDetails> = {}): PoolDetails => ({
  ...poolSummary(over),
  prefetchImages: [],
  registries: [],
  ...over,
});
