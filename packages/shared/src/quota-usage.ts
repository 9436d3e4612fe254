import type { AccountQuotas } from "./api/accounts";

/** A pool's node counts, as the pools list and Batch's pool listing both give them. */
export interface PoolNodeCounts {
  id: string;
  vmSize: string;
  currentDedicatedNodes: number;
  targetDedicatedNodes: number;
  currentSpotNodes: number;
  targetSpotNodes: number;
}

/** What a VM size contributes: its quota family and vCPUs. */
export interface VmSizeCores {
  name: string;
  family: string;
  vCpus: number;
}

/**
 * Core quota use of a Batch account from its quotas (ARM), its pools (VM size and node counts) and
 * the region's VM sizes (family and vCPUs): the account page shows it, and live validation judges a
 * new pool against the `target` figures. Batch charges a node's vCPUs to the dedicated quota of its VM family (when
 * the account enforces per-family quota, as accounts created since 2019 do) and to the account's
 * dedicated total; Spot (low-priority) nodes draw on one account-wide Spot quota, never a family.
 */
export interface CoreUse {
  /** Cores of the nodes allocated now (what Batch counts against the quota). */
  used: number;
  /** Cores once every pool reaches its target (resizes in flight; what a new resize must fit beside). */
  target: number;
  limit: number | undefined;
}

export interface FamilyUse extends CoreUse {
  family: string;
  /** Pools whose VM size is in this family. */
  pools: string[];
}

export interface QuotaUsage {
  dedicated: CoreUse;
  spot: CoreUse;
  /** Families with a quota or in use: in use first (fullest first), then by name. */
  families: FamilyUse[];
  /** Pools whose VM size is not in the region's size list: their cores cannot be counted. */
  uncounted: { pool: string; vmSize: string }[];
}

/** Share of the limit in use, for a bar: 1 when a zero quota is used at all. */
export function share(use: Pick<CoreUse, "used" | "limit">): number | undefined {
  if (use.limit === undefined) return undefined;
  if (use.limit === 0) return use.used > 0 ? 1 : 0;
  return use.used / use.limit;
}

export function quotaUsage(quotas: AccountQuotas, pools: readonly PoolNodeCounts[], sizes: readonly VmSizeCores[]): QuotaUsage {
  // Batch reports VM sizes in lower case, ARM in its own case: compare without case.
  const sizeByName = new Map(sizes.map((s) => [s.name.toLowerCase(), s]));
  const families = new Map<string, FamilyUse>();
  const familyOf = (name: string): FamilyUse => {
    const key = name.toLowerCase();
    let f = families.get(key);
    if (!f) {
      f = { family: name, used: 0, target: 0, limit: undefined, pools: [] };
      families.set(key, f);
    }
    return f;
  };
  if (quotas.dedicatedCoreQuotaPerVmFamilyEnforced) {
    for (const q of quotas.dedicatedCoreQuotaPerVmFamily ?? []) familyOf(q.family).limit = q.coreQuota;
  }
  const dedicated: CoreUse = { used: 0, target: 0, limit: quotas.dedicatedCoreQuota };
  const spot: CoreUse = { used: 0, target: 0, limit: quotas.lowPriorityCoreQuota };
  const uncounted: QuotaUsage["uncounted"] = [];
  for (const p of pools) {
    const size = sizeByName.get(p.vmSize.toLowerCase());
    if (!size) {
      uncounted.push({ pool: p.id, vmSize: p.vmSize });
      continue;
    }
    const cores = size.vCpus;
    dedicated.used += p.currentDedicatedNodes * cores;
    dedicated.target += p.targetDedicatedNodes * cores;
    spot.used += p.currentSpotNodes * cores;
    spot.target += p.targetSpotNodes * cores;
    if (p.currentDedicatedNodes > 0 || p.targetDedicatedNodes > 0 || quotas.dedicatedCoreQuotaPerVmFamilyEnforced) {
      const f = familyOf(size.family);
      f.used += p.currentDedicatedNodes * cores;
      f.target += p.targetDedicatedNodes * cores;
      f.pools.push(p.id);
    }
  }
  const list = [...families.values()].sort((a, b) => {
    const inUse = Number(b.used + b.target > 0) - Number(a.used + a.target > 0);
    if (inUse !== 0) return inUse;
    const fuller = (share(b) ?? 0) - (share(a) ?? 0);
    return fuller !== 0 ? fuller : a.family.localeCompare(b.family);
  });
  return { dedicated, spot, families: list, uncounted };
}
