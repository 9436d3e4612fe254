import type {
  LocalAzureSeed,
  SeedBatchAccount,
  SeedStorageAccount,
  SeedGallery,
  SeedImageDefinition,
  SeedImageVersion,
  SeedSubscription,
  SeedVmSku,
} from "../seed";
import type { Application, PackageVersion } from "../applications/application-catalog";
import type { RegionalReplication } from "./gallery-writes";
import { locationDisplayName } from "./locations";

/** The ARM JSON of the seeded resources, in the shapes the pinned SDK api-versions deserialize. */

export function subscriptionResource(seed: LocalAzureSeed) {
  return subscriptionJson(seed.subscription);
}

export function subscriptionJson(s: SeedSubscription) {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    authorizationSource: "RoleBased",
    managedByTenants: [],
    subscriptionId: s.subscriptionId,
    tenantId: s.tenantId,
    displayName: s.displayName,
    state: s.state,
    subscriptionPolicies: {
      locationPlacementId: "Public_2014-09-01",
      quotaId: "EnterpriseAgreement_2014-09-01",
      spendingLimit: "Off",
    },
  };
}

/**
 * `GET /subscriptions/{id}/providers/{namespace}`: the provider's registrationState in the
 * subscription (what `az provider show` prints). Resource types only for the ones served here.
 */
export function resourceProviderJson(
  s: SeedSubscription,
  namespace: string,
  batchApiVersions: readonly string[],
  computeApiVersions: readonly string[],
  storageApiVersions: readonly string[],
) {
  const known = Object.keys(s.resourceProviders ?? {}).find(
    (n) => n.toLowerCase() === namespace.toLowerCase(),
  );
  const name = known ?? namespace;
  const types: Record<string, { resourceType: string; apiVersions: readonly string[] }[]> = {
    "microsoft.batch": [
      { resourceType: "batchAccounts", apiVersions: batchApiVersions },
      { resourceType: "locations/virtualMachineSkus", apiVersions: batchApiVersions },
    ],
    "microsoft.compute": [
      { resourceType: "galleries", apiVersions: computeApiVersions },
      { resourceType: "galleries/images/versions", apiVersions: computeApiVersions },
    ],
    "microsoft.storage": [{ resourceType: "storageAccounts", apiVersions: storageApiVersions }],
  };
  return {
    id: `/subscriptions/${s.subscriptionId}/providers/${name}`,
    namespace: name,
    registrationState: (known && s.resourceProviders?.[known]) ?? "NotRegistered",
    registrationPolicy: "RegistrationRequired",
    resourceTypes: (types[name.toLowerCase()] ?? []).map((t) => ({
      ...t,
      apiVersions: [...t.apiVersions].reverse(),
    })),
  };
}

export function resourceGroupResource(seed: LocalAzureSeed, rg: { name: string; location: string }) {
  return {
    id: `/subscriptions/${seed.subscription.subscriptionId}/resourceGroups/${rg.name}`,
    name: rg.name,
    type: "Microsoft.Resources/resourceGroups",
    location: rg.location,
    properties: { provisioningState: "Succeeded" },
  };
}

export function batchAccountId(seed: LocalAzureSeed, a: SeedBatchAccount): string {
  return `/subscriptions/${seed.subscription.subscriptionId}/resourceGroups/${a.resourceGroup}/providers/Microsoft.Batch/batchAccounts/${a.name}`;
}

export function storageAccountId(seed: LocalAzureSeed, a: SeedStorageAccount): string {
  return `/subscriptions/${seed.subscription.subscriptionId}/resourceGroups/${a.resourceGroup}/providers/Microsoft.Storage/storageAccounts/${a.name}`;
}

/** The Batch account's `autoStorage` (BatchAccount 2023-11-01: keys mode, synchronised when ARM started). */
export interface AutoStorageJson {
  storageAccountId: string;
  lastKeySync: string;
  authenticationMode: "StorageKeys";
}

/**
 * `accountEndpoint` is host[:port] without a scheme, as in Azure ("x.westeurope.batch.azure.com");
 * `autoStorage` only when the account is linked to a storage account that is served.
 */
export function batchAccountResource(
  seed: LocalAzureSeed,
  a: SeedBatchAccount,
  accountEndpoint: string,
  autoStorage?: AutoStorageJson,
) {
  return {
    id: batchAccountId(seed, a),
    name: a.name,
    type: "Microsoft.Batch/batchAccounts",
    location: a.location,
    tags: { environment: "local", owner: "contoso-research" },
    identity: { type: "None" },
    properties: {
      accountEndpoint,
      nodeManagementEndpoint: `${a.name}.nodemanagement.local`,
      provisioningState: "Succeeded",
      poolAllocationMode: "BatchService",
      dedicatedCoreQuota: a.dedicatedCoreQuota,
      lowPriorityCoreQuota: a.lowPriorityCoreQuota,
      dedicatedCoreQuotaPerVMFamily: Object.entries(a.dedicatedCoreQuotaPerVMFamily).map(
        ([name, coreQuota]) => ({ name, coreQuota }),
      ),
      dedicatedCoreQuotaPerVMFamilyEnforced: true,
      poolQuota: a.poolQuota,
      activeJobAndJobScheduleQuota: a.activeJobAndJobScheduleQuota,
      publicNetworkAccess: "Enabled",
      networkProfile: { accountAccess: { defaultAction: "Allow" } },
      encryption: { keySource: "Microsoft.Batch" },
      allowedAuthenticationModes: ["SharedKey", "AAD", "TaskAuthenticationToken"],
      ...(autoStorage ? { autoStorage } : {}),
    },
  };
}

/**
 * A StorageV2 account as `Microsoft.Storage/storageAccounts` GET returns it; `blobEndpoint` is the
 * local blob service's path-style endpoint with the trailing slash Azure's endpoints have.
 */
export function storageAccountResource(
  seed: LocalAzureSeed,
  a: SeedStorageAccount,
  blobEndpoint: string,
  creationTime: string,
) {
  return {
    id: storageAccountId(seed, a),
    name: a.name,
    type: "Microsoft.Storage/storageAccounts",
    location: a.location,
    kind: "StorageV2",
    sku: { name: "Standard_LRS", tier: "Standard" },
    tags: { environment: "local" },
    properties: {
      provisioningState: "Succeeded",
      creationTime,
      primaryLocation: a.location,
      statusOfPrimary: "available",
      primaryEndpoints: { blob: `${blobEndpoint}/` },
      accessTier: "Hot",
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: true,
      minimumTlsVersion: "TLS1_2",
      // The local blob service listens on plain http (loopback only).
      supportsHttpsTrafficOnly: false,
      encryption: {
        keySource: "Microsoft.Storage",
        services: { blob: { enabled: true, keyType: "Account" } },
      },
    },
  };
}

/** `POST …/storageAccounts/{name}/listKeys`: both keys, full permissions. */
export function storageKeysResource(keys: readonly [string, string], creationTime: string) {
  return {
    keys: keys.map((value, i) => ({ keyName: `key${i + 1}`, value, permissions: "FULL", creationTime })),
  };
}

/** One row of `Microsoft.Batch/locations/{loc}/virtualMachineSkus` (capabilities as name/value strings). */
export function vmSkuResource(s: SeedVmSku) {
  const capabilities: [string, string | number | boolean][] = [
    ["MaxResourceVolumeMB", s.maxResourceVolumeMB],
    ["OSVhdSizeMB", 1047552],
    ["vCPUs", s.vCPUs],
    ["MemoryPreservingMaintenanceSupported", true],
    ["HyperVGenerations", s.hyperVGenerations],
    ["MemoryGB", s.memoryGB],
    ["MaxDataDiskCount", s.maxDataDiskCount],
    ["CpuArchitectureType", "x64"],
    ["LowPriorityCapable", s.lowPriorityCapable],
    ["PremiumIO", s.premiumIO],
    ["VMDeploymentTypes", "IaaS"],
    ["vCPUsAvailable", s.vCPUs],
    ...(s.gpus > 0 ? ([["GPUs", s.gpus]] as [string, number][]) : []),
    ["vCPUsPerCore", s.rdma || s.gpus > 0 ? 1 : 2],
    ["EphemeralOSDiskSupported", true],
    ["AcceleratedNetworkingEnabled", !s.name.includes("_A")],
    ["RdmaEnabled", s.rdma],
    ["MaxNetworkInterfaces", Math.max(2, Math.min(8, s.vCPUs))],
  ];
  return {
    name: s.name,
    familyName: s.familyName,
    capabilities: capabilities.map(([name, value]) => ({
      name,
      value: typeof value === "boolean" ? (value ? "True" : "False") : String(value),
    })),
  };
}

export function galleryId(seed: LocalAzureSeed, g: SeedGallery): string {
  return `/subscriptions/${seed.subscription.subscriptionId}/resourceGroups/${g.resourceGroup}/providers/Microsoft.Compute/galleries/${g.name}`;
}

export function galleryResource(seed: LocalAzureSeed, g: SeedGallery) {
  return {
    id: galleryId(seed, g),
    name: g.name,
    type: "Microsoft.Compute/galleries",
    location: g.location,
    properties: {
      description: g.description,
      identifier: { uniqueName: `${seed.subscription.subscriptionId}-${g.name.toUpperCase()}` },
      provisioningState: "Succeeded",
    },
  };
}

export function galleryImageResource(seed: LocalAzureSeed, g: SeedGallery, i: SeedImageDefinition) {
  return {
    id: `${galleryId(seed, g)}/images/${i.name}`,
    name: i.name,
    type: "Microsoft.Compute/galleries/images",
    location: g.location,
    properties: {
      description: i.description,
      osType: i.osType,
      osState: i.osState,
      hyperVGeneration: i.hyperVGeneration,
      architecture: "x64",
      identifier: i.identifier,
      recommended: { vCPUs: { min: 2, max: 64 }, memory: { min: 4, max: 256 } },
      provisioningState: "Succeeded",
    },
  };
}

export function galleryImageVersionResource(
  seed: LocalAzureSeed,
  g: SeedGallery,
  i: SeedImageDefinition,
  v: SeedImageVersion,
  /** "Updating" while a write is still replicating (see GalleryOperations). */
  provisioningState: string = v.provisioningState,
  /** With `$expand=ReplicationStatus`: each target region's replication (see GalleryOperations). */
  replication?: (region: string) => RegionalReplication,
) {
  const replicaCount = Math.max(1, ...v.targetRegions.map((r) => r.regionalReplicaCount));
  return {
    id: `${galleryId(seed, g)}/images/${i.name}/versions/${v.name}`,
    name: v.name,
    type: "Microsoft.Compute/galleries/images/versions",
    location: g.location,
    properties: {
      publishingProfile: {
        targetRegions: v.targetRegions.map((r) => ({
          name: locationDisplayName(r.name),
          regionalReplicaCount: r.regionalReplicaCount,
          storageAccountType: "Standard_LRS",
        })),
        replicaCount,
        excludeFromLatest: v.excludeFromLatest ?? false,
        publishedDate: v.publishedDate,
        storageAccountType: "Standard_LRS",
      },
      storageProfile: {
        osDiskImage: { sizeInGB: i.osType === "Windows" ? 127 : 30, hostCaching: "ReadWrite" },
      },
      safetyProfile: { allowDeletionOfReplicatedLocations: true },
      provisioningState,
      ...(replication ? { replicationStatus: replicationStatusJson(v, replication) } : {}),
    },
  };
}

function replicationStatusJson(v: SeedImageVersion, replication: (region: string) => RegionalReplication) {
  const summary = v.targetRegions.map((r) => {
    const { state, progress } = replication(r.name);
    return { region: locationDisplayName(r.name), state, details: "", progress };
  });
  const aggregatedState = summary.some((r) => r.state === "Failed")
    ? "Failed"
    : summary.every((r) => r.state === "Completed")
      ? "Completed"
      : "InProgress";
  return { aggregatedState, summary };
}

/** `…/batchAccounts/{a}/applications/{app}` (Application, 2023-11-01). */
export function applicationResource(accountId: string, app: Application) {
  return {
    id: `${accountId}/applications/${app.name}`,
    name: app.name,
    type: "Microsoft.Batch/batchAccounts/applications",
    etag: app.etag,
    properties: {
      allowUpdates: app.allowUpdates,
      ...(app.displayName !== undefined ? { displayName: app.displayName } : {}),
      ...(app.defaultVersion !== undefined ? { defaultVersion: app.defaultVersion } : {}),
    },
  };
}

/**
 * `…/applications/{app}/versions/{v}` (ApplicationPackage, 2023-11-01): the upload URL while one
 * is given, format and lastActivationTime once Active.
 */
export function applicationPackageResource(
  accountId: string,
  app: Application,
  v: PackageVersion,
  upload?: { storageUrl: string; storageUrlExpiry: string },
) {
  return {
    id: `${accountId}/applications/${app.name}/versions/${v.name}`,
    name: v.name,
    type: "Microsoft.Batch/batchAccounts/applications/versions",
    etag: v.etag,
    properties: {
      state: v.state,
      ...(v.format !== undefined ? { format: v.format } : {}),
      ...(upload ?? {}),
      ...(v.lastActivationTime !== undefined ? { lastActivationTime: v.lastActivationTime } : {}),
    },
  };
}
