import { latestGalleryVersion, parseGalleryImageId, type GalleryImageFact } from "@batch-studio/shared";
import type { LocalAzureSeed, SeedImageVersion } from "../seed";
import { normalizeLocation } from "./locations";

/** The version a definition id means: the highest one not excluded from latest (as Batch resolves it). */
export function latestVersion(versions: readonly SeedImageVersion[]): SeedImageVersion | undefined {
  return latestGalleryVersion(versions);
}

/**
 * What Batch learns about a pool's `virtualMachineImageId`: does it exist, its OS and state, and
 * where the (resolved) version is replicated. Ids are matched case-insensitively, like ARM.
 */
export function lookupGalleryImage(seed: LocalAzureSeed, imageId: string): GalleryImageFact {
  const missing: GalleryImageFact = { imageId, exists: false };
  const parsed = parseGalleryImageId(imageId);
  if (!parsed.ok) return missing;
  const {
    subscriptionId: sub,
    resourceGroup: rg,
    gallery: galleryName,
    imageDefinition: imageName,
    version: versionName,
  } = parsed.value;
  const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  if (!eq(seed.subscription.subscriptionId, sub)) return missing;
  const gallery = seed.galleries.find((g) => eq(g.name, galleryName) && eq(g.resourceGroup, rg));
  const image = gallery?.images.find((i) => eq(i.name, imageName));
  if (!image) return missing;
  const version = versionName
    ? image.versions.find((v) => eq(v.name, versionName))
    : latestVersion(image.versions);
  if (!version) return missing;
  return {
    imageId,
    exists: true,
    versionId: `/subscriptions/${seed.subscription.subscriptionId}/resourceGroups/${gallery!.resourceGroup}/providers/Microsoft.Compute/galleries/${gallery!.name}/images/${image.name}/versions/${version.name}`,
    osType: image.osType === "Linux" ? "linux" : "windows",
    osState: image.osState,
    hyperVGeneration: image.hyperVGeneration,
    replicas: version.targetRegions.map((r) => ({
      region: normalizeLocation(r.name),
      count: r.regionalReplicaCount,
    })),
    provisioningState: version.provisioningState,
  };
}
