import {
  formatIsoDuration,
  MINIMUM_RESIZE_TIMEOUT_MS,
  parseIsoDuration,
  quotaUsage,
  recommendedResizeTimeout,
  type AccountQuotas,
  type PoolNodeCounts,
  type VmSizeCores,
} from "@batch-studio/shared";

/**
 * What the resize dialog checks before it asks Batch: the timeout (the same figures as the
 * wizard's shared scale rules: ISO 8601, at least 5 minutes, 15 minutes per 1,000 nodes) and
 * whether the new node counts fit the account's core quotas beside the other pools' targets.
 */

const MINUTE = 60_000;
const BATCH_DEFAULT = 15 * MINUTE;

/** Why Batch would refuse the timeout text; undefined when it is fine or empty (Batch's default). */
export function timeoutProblem(text: string): string | undefined {
  if (text.trim() === "") return undefined;
  const ms = parseIsoDuration(text);
  if (ms === undefined) return `"${text}" is not an ISO 8601 duration; write minutes as PT30M or hours as PT1H.`;
  if (ms < MINIMUM_RESIZE_TIMEOUT_MS) return "Batch needs a resize timeout of at least 5 minutes (PT5M).";
  return undefined;
}

/** The timeout to offer when the one given (empty = Batch's 15 minutes) is short for `nodes`. */
export function timeoutFix(text: string, nodes: number): string | undefined {
  const want = recommendedResizeTimeout(nodes);
  if (want <= BATCH_DEFAULT) return undefined;
  const have = text.trim() === "" ? BATCH_DEFAULT : parseIsoDuration(text);
  if (have !== undefined && have >= want) return undefined;
  return formatIsoDuration(want);
}

export interface QuotaShortfall {
  /** Which node count it limits. */
  nodes: "dedicated" | "spot";
  /** "dedicated cores", "Dv3 family cores" or "Spot cores". */
  quota: string;
  needed: number;
  /** Cores left for this pool once every other pool reaches its target. */
  available: number;
  /** The most nodes of this pool's VM size that fit. */
  maxNodes: number;
}

/**
 * The quotas that resizing `poolId` to (dedicated, spot) would overrun. Batch accepts such a
 * resize and then stops short with a quota resize error; this says so before. One per node kind:
 * the tightest (a fix to the account total's figure would still overrun a smaller family quota).
 * Empty when the pool's VM size is unknown (its cores cannot be counted).
 */
export function resizeQuotaShortfalls(
  quotas: AccountQuotas,
  pools: readonly PoolNodeCounts[],
  sizes: readonly VmSizeCores[],
  poolId: string,
  target: { dedicated: number; spot: number },
): QuotaShortfall[] {
  const pool = pools.find((p) => p.id === poolId);
  const size = pool && sizes.find((s) => s.name.toLowerCase() === pool.vmSize.toLowerCase());
  if (!pool || !size || size.vCpus <= 0) return [];
  const others = quotaUsage(
    quotas,
    pools.filter((p) => p.id !== poolId),
    sizes,
  );
  const shortfalls: QuotaShortfall[] = [];
  const check = (nodes: QuotaShortfall["nodes"], quota: string, limit: number | undefined, othersTarget: number) => {
    const count = nodes === "dedicated" ? target.dedicated : target.spot;
    const needed = count * size.vCpus;
    if (limit === undefined || needed <= Math.max(0, limit - othersTarget)) return;
    const available = Math.max(0, limit - othersTarget);
    shortfalls.push({ nodes, quota, needed, available, maxNodes: Math.floor(available / size.vCpus) });
  };
  check("dedicated", "dedicated cores", quotas.dedicatedCoreQuota, others.dedicated.target);
  if (quotas.dedicatedCoreQuotaPerVmFamilyEnforced) {
    const limit = quotas.dedicatedCoreQuotaPerVmFamily?.find((q) => q.family.toLowerCase() === size.family.toLowerCase())?.coreQuota ?? 0;
    const used = others.families.find((f) => f.family.toLowerCase() === size.family.toLowerCase())?.target ?? 0;
    check("dedicated", `${size.family} cores`, limit, used);
  }
  check("spot", "Spot cores", quotas.lowPriorityCoreQuota, others.spot.target);
  return shortfalls.filter((s) => !shortfalls.some((t) => t.nodes === s.nodes && t.maxNodes < s.maxNodes));
}
