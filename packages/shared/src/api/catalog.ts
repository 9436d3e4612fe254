import { z } from "zod";
import { SupportedImageFactSchema, VmSizeFactSchema } from "./facts";

/** A Marketplace image the account supports; `containerCapable` = has the DockerCompatible capability. */
export const SupportedImage = SupportedImageFactSchema.extend({
  containerCapable: z.boolean(),
});
export type SupportedImage = z.infer<typeof SupportedImage>;

/** A VM size offered in the account's region, with the account's quota for its family. */
export const VmSizeInfo = VmSizeFactSchema.extend({
  /** Dedicated-core quota of the size's family; absent when the account does not enforce per-family quota. */
  familyCoreQuota: z.number().optional(),
  maxDataDisks: z.number().optional(),
});
export type VmSizeInfo = z.infer<typeof VmSizeInfo>;

export const VmSizesResponse = z.object({
  items: z.array(VmSizeInfo),
  dedicatedCoreQuota: z.number().optional(),
  lowPriorityCoreQuota: z.number().optional(),
  perFamilyEnforced: z.boolean(),
});
export type VmSizesResponse = z.infer<typeof VmSizesResponse>;

export const GalleryInfo = z.object({
  id: z.string(),
  name: z.string(),
  resourceGroup: z.string(),
  location: z.string(),
  description: z.string().optional(),
});
export type GalleryInfo = z.infer<typeof GalleryInfo>;

export const GalleryImageDefinitionInfo = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string(),
  osType: z.enum(["linux", "windows"]),
  osState: z.enum(["Generalized", "Specialized"]),
  hyperVGeneration: z.string().optional(),
  publisher: z.string().optional(),
  offer: z.string().optional(),
  sku: z.string().optional(),
  endOfLifeDate: z.string().optional(),
});
export type GalleryImageDefinitionInfo = z.infer<typeof GalleryImageDefinitionInfo>;

export const GalleryImageVersionInfo = z.object({
  id: z.string(),
  name: z.string(),
  location: z.string(),
  /** From the image definition: versions inherit it. */
  osType: z.enum(["linux", "windows"]).optional(),
  osState: z.enum(["Generalized", "Specialized"]).optional(),
  /** ARM provisioningState, e.g. "Succeeded". */
  state: z.string().optional(),
  publishedDate: z.string().optional(),
  endOfLifeDate: z.string().optional(),
  excludeFromLatest: z.boolean().optional(),
  /** One entry per target region: replica count and replication state. */
  replication: z.array(
    z.object({
      region: z.string(),
      replicaCount: z.number(),
      state: z.string().optional(),
      progress: z.number().optional(),
    }),
  ),
});
export type GalleryImageVersionInfo = z.infer<typeof GalleryImageVersionInfo>;

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** Body of setGalleryReplicas: one region's replica count (ARM allows 1..100 per region). */
export const SetGalleryReplicasRequest = z.object({
  region: z
    .string()
    .trim()
    .min(1, "region is required")
    .regex(/^[A-Za-z0-9 ]*$/, "region is an Azure location such as westeurope"),
  replicaCount: z
    .number({ message: "replicaCount must be a whole number from 1 to 100" })
    .int("replicaCount must be a whole number from 1 to 100")
    .min(1, "replicaCount must be at least 1")
    .max(100, "replicaCount can be at most 100 (ARM's limit per region)"),
});
export type SetGalleryReplicasRequest = z.infer<typeof SetGalleryReplicasRequest>;
