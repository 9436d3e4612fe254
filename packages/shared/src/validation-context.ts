/**
 * What live lookups learned, handed to the pure validators so the same rules run in the browser
 * (with what the BFF answered) and in the BFF (with what it just looked up). Every field is
 * optional: a rule that needs a missing fact stays silent rather than guessing.
 */
export type OsType = "linux" | "windows";

/** One row of Batch's `GET /supportedimages`. */
export interface SupportedImageFact {
  publisher: string;
  offer: string;
  sku: string;
  version?: string;
  nodeAgentSkuId: string;
  osType: OsType;
  /** e.g. ["DockerCompatible", "NvidiaTeslaDriverInstalled"] */
  capabilities: string[];
  /** ISO date after which Batch stops supporting the image. */
  batchSupportEndOfLife?: string;
  verificationType: "verified" | "unverified";
}

/** One VM size Batch supports in the account's region (ARM `virtualMachineSkus`). */
export interface VmSizeFact {
  name: string;
  /** Quota family, e.g. "standardDSv3Family". */
  family: string;
  vCpus: number;
  memoryGiB: number;
  gpus: number;
  rdma: boolean;
  lowPriorityCapable: boolean;
}

export interface AccountQuotaFact {
  dedicatedCores: number;
  lowPriorityCores: number;
  /** Per-VM-family dedicated core quota; absent when the account is not family-enforced. */
  perFamilyDedicatedCores?: Record<string, number>;
  /** Cores already used by existing pools, when known. */
  usedDedicatedCores?: number;
  usedLowPriorityCores?: number;
  usedPerFamilyDedicatedCores?: Record<string, number>;
  poolQuota?: number;
  poolCount?: number;
}

/** Facts about a Shared Image Gallery image definition/version from ARM. */
export interface GalleryImageFact {
  imageId: string;
  exists: boolean;
  osType?: OsType;
  osState?: "Generalized" | "Specialized";
  hyperVGeneration?: "V1" | "V2";
  /** ARM id of the version these facts describe (a definition id resolves to its latest version). */
  versionId?: string;
  /**
   * Replica count per region of the (resolved latest) version, with the region's replication
   * state ("Replicating", "Completed", "Failed", "Unknown") when ARM reported it
   * (`$expand=ReplicationStatus`).
   */
  replicas?: { region: string; count: number; state?: string }[];
  provisioningState?: string;
}

/** What ARM says about one subscription (`GET /subscriptions/{id}` and its resource providers). */
export interface SubscriptionFact {
  subscriptionId: string;
  /** Its Microsoft Entra tenant. */
  tenantId?: string;
  /** registrationState of the Microsoft.Batch resource provider there, e.g. "Registered", "NotRegistered". */
  batchProviderState?: string;
}

export type RegistryProbeStatus = "ok" | "unauthorized" | "unreachable" | "refused" | "error";

/** Result of logging in to a registry (`GET /v2/`) with the configured credentials. */
export interface RegistryProbeFact {
  server: string;
  status: RegistryProbeStatus;
  message?: string;
}

export type ImageProbeStatus = "found" | "notFound" | "unauthorized" | "unreachable" | "refused" | "error";

/** Result of resolving one image reference in its registry, with its config when found. */
export interface ImageProbeFact {
  reference: string;
  status: ImageProbeStatus;
  message?: string;
  entrypoint?: string[] | null;
  cmd?: string[] | null;
  workingDir?: string | null;
  os?: string;
  architecture?: string;
}

/** What the task validator needs to know about the pool the task's job runs on. */
export interface TaskPoolFact {
  poolId: string;
  isContainerPool: boolean;
  prefetchImages: string[];
  registryServers: string[];
  osType?: OsType;
}

export interface ValidationContext {
  /** "Now" for date rules (image end of life), as an ISO string or epoch ms; defaults to the clock. */
  now?: string | number;
  /** The Batch account's region, e.g. "westeurope". */
  accountRegion?: string;
  /** How the portal authenticates to Batch: Shared Image Gallery pools need Entra ID. */
  authMode?: "entra" | "sharedKey";
  supportedImages?: SupportedImageFact[];
  vmSizes?: VmSizeFact[];
  quota?: AccountQuotaFact;
  galleryImage?: GalleryImageFact;
  /** The Batch account's subscription (its id; its tenant when ARM answered). */
  accountSubscription?: SubscriptionFact;
  /** The subscription the gallery image's resource id names, when it is not the account's. */
  galleryImageSubscription?: SubscriptionFact;
  registries?: RegistryProbeFact[];
  images?: ImageProbeFact[];
  /** True when a pool with this id (case-insensitive) already exists. */
  poolIdTaken?: boolean;
  /** True when a task with this id already exists in the job. */
  taskIdTaken?: boolean;
  pool?: TaskPoolFact;
}
