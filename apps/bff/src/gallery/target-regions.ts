import type { TargetRegion } from "@azure/arm-compute";

/** "West Europe", "westeurope" and "WestEurope" name the same region (ARM answers display names here). */
export const sameRegion = (a: string, b: string): boolean =>
  a.replace(/\s+/g, "").toLowerCase() === b.replace(/\s+/g, "").toLowerCase();

/**
 * A version's target regions with one region's replica count set: every other region is passed
 * back exactly as ARM gave it (a PATCH replaces the whole list, so leaving one out would remove
 * its replicas). A region that is not a target yet is added with the version's storage type.
 */
export function withRegionalReplicas(
  current: readonly TargetRegion[],
  region: string,
  replicaCount: number,
  storageAccountType?: TargetRegion["storageAccountType"],
): TargetRegion[] {
  const found = current.some((r) => sameRegion(r.name, region));
  const kept = current.map((r) =>
    sameRegion(r.name, region) ? { ...r, regionalReplicaCount: replicaCount } : { ...r },
  );
  if (found) return kept;
  const added: TargetRegion = { name: region, regionalReplicaCount: replicaCount };
  if (storageAccountType !== undefined) added.storageAccountType = storageAccountType;
  return [...kept, added];
}
