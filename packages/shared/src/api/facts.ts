import { z } from "zod";

/*
 * The validation facts: what live lookups learned, handed to the pure validators so the same rules
 * run in the browser (with what the BFF answered) and in the BFF (with what it just looked up).
 * These schemas are the one definition: ../validation-context.ts names their types (type-only, so
 * the rules and the SPA never load zod for them) and the BFF describes its answers in OpenAPI with
 * them. Every field of the context is optional: a rule that needs a missing fact stays silent
 * rather than guessing.
 */

export const OsTypeSchema = z.enum(["linux", "windows"]);

/** One row of Batch's `GET /supportedimages`. */
export const SupportedImageFactSchema = z.object({
  publisher: z.string(),
  offer: z.string(),
  sku: z.string(),
  version: z.string().optional(),
  nodeAgentSkuId: z.string(),
  osType: OsTypeSchema,
  /** e.g. ["DockerCompatible", "NvidiaTeslaDriverInstalled"] */
  capabilities: z.array(z.string()),
  /** ISO date after which Batch stops supporting the image. */
  batchSupportEndOfLife: z.string().optional(),
  verificationType: z.enum(["verified", "unverified"]),
});

/** One VM size Batch supports in the account's region (ARM `virtualMachineSkus`). */
export const VmSizeFactSchema = z.object({
  name: z.string(),
  /** Quota family, e.g. "standardDSv3Family". */
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
  /** Per-VM-family dedicated core quota; absent when the account is not family-enforced. */
  perFamilyDedicatedCores: z.record(z.string(), z.number()).optional(),
  /** Cores already used by existing pools, when known. */
  usedDedicatedCores: z.number().optional(),
  usedLowPriorityCores: z.number().optional(),
  usedPerFamilyDedicatedCores: z.record(z.string(), z.number()).optional(),
  poolQuota: z.number().optional(),
  poolCount: z.number().optional(),
});

/** Facts about a Shared Image Gallery image definition/version from ARM. */
export const GalleryImageFactSchema = z.object({
  imageId: z.string(),
  exists: z.boolean(),
  osType: OsTypeSchema.optional(),
  osState: z.enum(["Generalized", "Specialized"]).optional(),
  hyperVGeneration: z.enum(["V1", "V2"]).optional(),
  /** ARM id of the version these facts describe (a definition id resolves to its latest version). */
  versionId: z.string().optional(),
  /**
   * Replica count per region of the (resolved latest) version, with the region's replication
   * state ("Replicating", "Completed", "Failed", "Unknown") when ARM reported it
   * (`$expand=ReplicationStatus`).
   */
  replicas: z.array(z.object({ region: z.string(), count: z.number(), state: z.string().optional() })).optional(),
  provisioningState: z.string().optional(),
});

/** What ARM says about one subscription (`GET /subscriptions/{id}` and its resource providers). */
export const SubscriptionFactSchema = z.object({
  subscriptionId: z.string(),
  /** Its Microsoft Entra tenant. */
  tenantId: z.string().optional(),
  /** registrationState of the Microsoft.Batch resource provider there, e.g. "Registered", "NotRegistered". */
  batchProviderState: z.string().optional(),
});

export const RegistryProbeStatusSchema = z.enum(["ok", "unauthorized", "unreachable", "refused", "error"]);

/** Result of logging in to a registry (`GET /v2/`) with the configured credentials. */
export const RegistryProbeFactSchema = z.object({
  server: z.string(),
  status: RegistryProbeStatusSchema,
  message: z.string().optional(),
});

export const ImageProbeStatusSchema = z.enum(["found", "notFound", "unauthorized", "unreachable", "refused", "error"]);

/** Result of resolving one image reference in its registry, with its config when found. */
export const ImageProbeFactSchema = z.object({
  reference: z.string(),
  status: ImageProbeStatusSchema,
  message: z.string().optional(),
  entrypoint: z.array(z.string()).nullable().optional(),
  cmd: z.array(z.string()).nullable().optional(),
  workingDir: z.string().nullable().optional(),
  os: z.string().optional(),
  architecture: z.string().optional(),
});

/** What the task validator needs to know about the pool the task's job runs on. */
export const TaskPoolFactSchema = z.object({
  poolId: z.string(),
  isContainerPool: z.boolean(),
  prefetchImages: z.array(z.string()),
  registryServers: z.array(z.string()),
  osType: OsTypeSchema.optional(),
});

/**
 * What the task validator needs to know about the task's job: whether a task's exit conditions may
 * act on it (onTaskFailure) and whether its tasks may depend on each other.
 */
export const TaskJobFactSchema = z.object({
  jobId: z.string(),
  onTaskFailure: z.enum(["noaction", "performexitoptionsjobaction"]),
  usesTaskDependencies: z.boolean(),
});

/**
 * One application of the Batch account with the package versions a node can install (Batch's
 * ApplicationSummary lists only active ones). `defaultVersion` comes from ARM: a name, null when
 * the application has none, absent when ARM was not asked or did not answer.
 */
export const ApplicationFactSchema = z.object({
  id: z.string(),
  displayName: z.string().optional(),
  versions: z.array(z.string()),
  defaultVersion: z.string().nullable().optional(),
});

export const ValidationContextSchema = z.object({
  /** "Now" for date rules (image end of life), as an ISO string or epoch ms; defaults to the clock. */
  now: z.union([z.string(), z.number()]).optional(),
  /** The Batch account's region, e.g. "westeurope". */
  accountRegion: z.string().optional(),
  /** How the portal authenticates to Batch: Shared Image Gallery pools need Entra ID. */
  authMode: z.enum(["entra", "sharedKey"]).optional(),
  supportedImages: z.array(SupportedImageFactSchema).optional(),
  vmSizes: z.array(VmSizeFactSchema).optional(),
  quota: AccountQuotaFactSchema.optional(),
  galleryImage: GalleryImageFactSchema.optional(),
  /** The Batch account's subscription (its id; its tenant when ARM answered). */
  accountSubscription: SubscriptionFactSchema.optional(),
  /** The subscription the gallery image's resource id names, when it is not the account's. */
  galleryImageSubscription: SubscriptionFactSchema.optional(),
  registries: z.array(RegistryProbeFactSchema).optional(),
  images: z.array(ImageProbeFactSchema).optional(),
  /** True when a pool with this id (case-insensitive) already exists. */
  poolIdTaken: z.boolean().optional(),
  /** True when a task with this id already exists in the job. */
  taskIdTaken: z.boolean().optional(),
  pool: TaskPoolFactSchema.optional(),
  /** The job a task is added to. */
  job: TaskJobFactSchema.optional(),
  /** The account's applications, looked up when the spec references application packages. */
  applications: z.array(ApplicationFactSchema).optional(),
});
