import { z } from "zod";

/*
 * Zod mirrors of the validation facts in ../validation-context.ts, so the BFF can describe its
 * answers in OpenAPI. The `satisfies` checks at the bottom keep them in step with the interfaces.
 */
import type {
  AccountQuotaFact,
  GalleryImageFact,
  ImageProbeFact,
  RegistryProbeFact,
  SubscriptionFact,
  SupportedImageFact,
  TaskPoolFact,
  ValidationContext,
  VmSizeFact,
} from "../validation-context";

const OsTypeSchema = z.enum(["linux", "windows"]);

export const SupportedImageFactSchema = z.object({
  publisher: z.string(),
  offer: z.string(),
  sku: z.string(),
  version: z.string().optional(),
  nodeAgentSkuId: z.string(),
  osType: OsTypeSchema,
  capabilities: z.array(z.string()),
  batchSupportEndOfLife: z.string().optional(),
  verificationType: z.enum(["verified", "unverified"]),
});

export const VmSizeFactSchema = z.object({
  name: z.string(),
  family: z.string(),
  vCpus: z.number(),
  memoryGiB: z.number(),
  gpus: z.number(),
  rdma: z.boolean(),
  lowPriorityCapable: z.boolean(),
});

export const AccountQuotaFactSchema = z.object({
  dedicatedCores: z.number(),
  lowPriorityCores: z.number(),
  perFamilyDedicatedCores: z.record(z.string(), z.number()).optional(),
  usedDedicatedCores: z.number().optional(),
  usedLowPriorityCores: z.number().optional(),
  usedPerFamilyDedicatedCores: z.record(z.string(), z.number()).optional(),
  poolQuota: z.number().optional(),
  poolCount: z.number().optional(),
});

export const GalleryImageFactSchema = z.object({
  imageId: z.string(),
  exists: z.boolean(),
  osType: OsTypeSchema.optional(),
  osState: z.enum(["Generalized", "Specialized"]).optional(),
  hyperVGeneration: z.enum(["V1", "V2"]).optional(),
  versionId: z.string().optional(),
  replicas: z
    .array(z.object({ region: z.string(), count: z.number(), state: z.string().optional() }))
    .optional(),
  provisioningState: z.string().optional(),
});

export const SubscriptionFactSchema = z.object({
  subscriptionId: z.string(),
  tenantId: z.string().optional(),
  batchProviderState: z.string().optional(),
});

export const RegistryProbeFactSchema = z.object({
  server: z.string(),
  status: z.enum(["ok", "unauthorized", "unreachable", "refused", "error"]),
  message: z.string().optional(),
});

export const ImageProbeFactSchema = z.object({
  reference: z.string(),
  status: z.enum(["found", "notFound", "unauthorized", "unreachable", "refused", "error"]),
  message: z.string().optional(),
  entrypoint: z.array(z.string()).nullable().optional(),
  cmd: z.array(z.string()).nullable().optional(),
  workingDir: z.string().nullable().optional(),
  os: z.string().optional(),
  architecture: z.string().optional(),
});

export const TaskPoolFactSchema = z.object({
  poolId: z.string(),
  isContainerPool: z.boolean(),
  prefetchImages: z.array(z.string()),
  registryServers: z.array(z.string()),
  osType: OsTypeSchema.optional(),
});

export const ValidationContextSchema = z.object({
  accountRegion: z.string().optional(),
  authMode: z.enum(["entra", "sharedKey"]).optional(),
  supportedImages: z.array(SupportedImageFactSchema).optional(),
  vmSizes: z.array(VmSizeFactSchema).optional(),
  quota: AccountQuotaFactSchema.optional(),
  galleryImage: GalleryImageFactSchema.optional(),
  accountSubscription: SubscriptionFactSchema.optional(),
  galleryImageSubscription: SubscriptionFactSchema.optional(),
  registries: z.array(RegistryProbeFactSchema).optional(),
  images: z.array(ImageProbeFactSchema).optional(),
  poolIdTaken: z.boolean().optional(),
  taskIdTaken: z.boolean().optional(),
  pool: TaskPoolFactSchema.optional(),
  now: z.union([z.string(), z.number()]).optional(),
});

// Compile-time guards: what these schemas accept must be a valid fact of the interface's type.
// One-way on purpose, so a new optional fact on the interface doesn't break the build before it
// is mirrored here.
type Fits<A, B> = [A] extends [B] ? true : false;
const sameShape = <_T extends true>() => undefined;
sameShape<Fits<z.infer<typeof SupportedImageFactSchema>, SupportedImageFact>>();
sameShape<Fits<z.infer<typeof VmSizeFactSchema>, VmSizeFact>>();
sameShape<Fits<z.infer<typeof AccountQuotaFactSchema>, AccountQuotaFact>>();
sameShape<Fits<z.infer<typeof GalleryImageFactSchema>, GalleryImageFact>>();
sameShape<Fits<z.infer<typeof SubscriptionFactSchema>, SubscriptionFact>>();
sameShape<Fits<z.infer<typeof RegistryProbeFactSchema>, RegistryProbeFact>>();
sameShape<Fits<z.infer<typeof ImageProbeFactSchema>, ImageProbeFact>>();
sameShape<Fits<z.infer<typeof TaskPoolFactSchema>, TaskPoolFact>>();
sameShape<Fits<z.infer<typeof ValidationContextSchema>, ValidationContext>>();
