import { z } from "zod";
import { ApplicationPackageReferenceSpec } from "./application-package-spec";
import { batchId } from "./ids";
import { RegistrySpec } from "./registry-spec";
import { ResourceFileSpec } from "./task-data-spec";
import { ContainerSettingsSpec, EnvironmentVariable } from "./task-spec";

/** A Marketplace image as `GET /supportedimages` lists it. */
export const MarketplaceImage = z.object({
  kind: z.literal("marketplace"),
  publisher: z.string().min(1, "publisher is required"),
  offer: z.string().min(1, "offer is required"),
  sku: z.string().min(1, "sku is required"),
  version: z.string().min(1).default("latest"),
});
export type MarketplaceImage = z.infer<typeof MarketplaceImage>;

/** A Shared Image Gallery (Azure Compute Gallery) image version, or a definition meaning "latest". */
export const GalleryImage = z.object({
  kind: z.literal("gallery"),
  imageId: z.string().min(1, "gallery image resource id is required"),
});
export type GalleryImage = z.infer<typeof GalleryImage>;

export const PoolImage = z.discriminatedUnion("kind", [MarketplaceImage, GalleryImage]);
export type PoolImage = z.infer<typeof PoolImage>;

/** Present = a container pool (containerConfiguration is sent even with no prefetched images). */
export const PoolContainerSpec = z.object({
  /** Full `docker pull` references, pulled on every node as it starts. */
  prefetchImages: z.array(z.string()).default([]),
  registries: z.array(RegistrySpec).default([]),
});
export type PoolContainerSpec = z.infer<typeof PoolContainerSpec>;

export const ScaleSpec = z.object({
  dedicated: z.number().int().min(0, "dedicated nodes cannot be negative").default(1),
  spot: z.number().int().min(0, "spot nodes cannot be negative").default(0),
  /** ISO-8601 duration; Batch's default is 15 minutes, its minimum 5. */
  resizeTimeout: z.string().default("PT15M"),
});
export type ScaleSpec = z.infer<typeof ScaleSpec>;

export const StartTaskSpec = z.object({
  commandLine: z.string().min(1, "start task command line is required"),
  elevated: z.boolean().default(false),
  waitForSuccess: z.boolean().default(true),
  maxRetries: z.number().int().min(-1).max(100).default(0),
  env: z.array(EnvironmentVariable).default([]),
  /** Start tasks may run on the host or in a container (docs/azure-batch-notes.md#containers). */
  containerSettings: ContainerSettingsSpec.optional(),
  resourceFiles: z.array(ResourceFileSpec).optional(),
});
export type StartTaskSpec = z.infer<typeof StartTaskSpec>;

export const PoolSpec = z.object({
  id: batchId("Pool"),
  displayName: z.string().max(1024, "display name must be at most 1024 characters").optional(),
  vmSize: z.string().min(1, "VM size is required"),
  image: PoolImage,
  /** e.g. "batch.node.ubuntu 20.04"; its OS must match the image's. */
  nodeAgentSkuId: z.string().min(1, "node agent SKU is required"),
  container: PoolContainerSpec.optional(),
  scale: ScaleSpec.default({ dedicated: 1, spot: 0, resizeTimeout: "PT15M" }),
  startTask: StartTaskSpec.optional(),
  /** Installed on every node as it joins the pool, for all its tasks (the start task included). */
  applicationPackages: z.array(ApplicationPackageReferenceSpec).optional(),
  taskSlotsPerNode: z.number().int().min(1).max(256).default(1),
  metadata: z.array(z.object({ name: z.string().min(1), value: z.string() })).default([]),
});
export type PoolSpec = z.infer<typeof PoolSpec>;
/** What a form or an HTTP client sends before defaults are applied. */
export type PoolSpecInput = z.input<typeof PoolSpec>;
