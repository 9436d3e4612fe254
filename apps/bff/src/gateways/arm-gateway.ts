import { BatchManagementClient, type BatchAccount, type SupportedSku } from "@azure/arm-batch";
import { ComputeManagementClient, type GalleryImage, type GalleryImageVersion } from "@azure/arm-compute";
import type {
  AccountSummary,
  GalleryImageDefinitionInfo,
  GalleryImageVersionInfo,
  GalleryInfo,
  VmSizeFact,
} from "@batch-studio/shared";
import { accountIdOf, PermissionBlock, problemCodes } from "@batch-studio/shared";
import { ARM_SCOPE, type OnBehalfOfTokens } from "../auth/on-behalf-of";
import type { Operator } from "../auth/token-verifier";
import { useOnBehalfOfBearer } from "./arm-pipeline";
import { withRegionalReplicas } from "../gallery/target-regions";
import { problem } from "../http/problem";
import { currentRequestId, recordUpstreamRequestId } from "../http/request-context";

/** Microsoft.Resources api-versions: subscriptions (list and get) and resource providers. */
const RESOURCES_API_VERSION = "2022-12-01";
const AUTHORIZATION_API_VERSION = "2022-04-01";
const PROVIDERS_API_VERSION = "2021-04-01";
/** Microsoft.Storage storageAccounts (get, listKeys). */
const STORAGE_API_VERSION = "2023-01-01";

const STORAGE_ACCOUNT_ID = /^\/subscriptions\/[0-9A-Za-z-]{1,64}\/resourceGroups\/[-\w.()]{1,90}\/providers\/Microsoft\.Storage\/storageAccounts\/[a-z0-9]{3,24}$/i;

/** An auto-storage account as the BFF signs for it: its blob endpoint and key1 (kept in memory only). */
export interface StorageAccountKey {
  accountName: string;
  /** e.g. https://contoso.blob.core.windows.net/ (Azure) or http://127.0.0.1:4402/contoso/ (Azurite). */
  blobEndpoint: string;
  key: string;
}

/** "…It must match the tenant 'https://sts.windows.net/{tenant}/' associated with this subscription…" */
const TENANT_IN_WRONG_ISSUER = /must match the tenant '[^']*?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?'/i;

export interface SubscriptionInfo {
  subscriptionId: string;
  displayName?: string;
}

/** "/subscriptions/s/resourceGroups/rg/providers/..." → "rg". */
export const resourceGroupOf = (id: string | undefined): string =>
  /\/resourceGroups\/([^/]+)/i.exec(id ?? "")?.[1] ?? "";

/**
 * All pages of an ARM list. The SDK's pager drops ARM's error body ("Pagination failed with
 * unexpected statusCode 403"), so a refusal is answered here with the permission the list needs.
 */
const collect = async <T>(items: AsyncIterable<T>, action: string, limit = 5_000): Promise<T[]> => {
  const out: T[] = [];
  try {
    for await (const item of items) {
      out.push(item);
      if (out.length >= limit) break;
    }
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 403)
      throw problem(403, "AuthorizationFailed", `Azure refused the list: it needs ${action}`, { detail: "Ask an administrator for a role that grants it on the subscription or the resource." });
    throw err;
  }
  return out;
};

export const toAccountSummary = (subscriptionId: string, a: BatchAccount): AccountSummary => {
  const resourceGroup = resourceGroupOf(a.id);
  const name = a.name ?? "";
  const summary: AccountSummary = {
    id: accountIdOf({ subscriptionId, resourceGroup, accountName: name }),
    name,
    subscriptionId,
    resourceGroup,
    location: a.location ?? "",
    endpoint: a.accountEndpoint ?? "",
    quotas: {
      dedicatedCoreQuota: a.dedicatedCoreQuota,
      lowPriorityCoreQuota: a.lowPriorityCoreQuota,
      poolQuota: a.poolQuota,
      activeJobAndJobScheduleQuota: a.activeJobAndJobScheduleQuota,
      dedicatedCoreQuotaPerVmFamilyEnforced: a.dedicatedCoreQuotaPerVMFamilyEnforced,
      dedicatedCoreQuotaPerVmFamily: (a.dedicatedCoreQuotaPerVMFamily ?? []).map((f) => ({ family: f.name ?? "", coreQuota: f.coreQuota ?? 0 })),
    },
  };
  if (a.poolAllocationMode !== undefined) summary.poolAllocationMode = a.poolAllocationMode;
  if (a.provisioningState !== undefined) summary.provisioningState = a.provisioningState;
  if (a.autoStorage?.storageAccountId) summary.autoStorageAccountId = a.autoStorage.storageAccountId;
  return summary;
};

const capability = (sku: SupportedSku, name: string): string | undefined =>
  sku.capabilities?.find((c) => c.name?.toLowerCase() === name.toLowerCase())?.value;

const numberCap = (sku: SupportedSku, name: string): number => Number(capability(sku, name) ?? 0) || 0;

export const toVmSizeFact = (sku: SupportedSku): VmSizeFact & { maxDataDisks?: number } => {
  const fact: VmSizeFact & { maxDataDisks?: number } = {
    name: sku.name ?? "",
    family: sku.familyName ?? "",
    vCpus: numberCap(sku, "vCPUs"),
    memoryGiB: numberCap(sku, "MemoryGB"),
    gpus: numberCap(sku, "GPUs"),
    rdma: (capability(sku, "RdmaEnabled") ?? "").toLowerCase() === "true",
    lowPriorityCapable: (capability(sku, "LowPriorityCapable") ?? "").toLowerCase() === "true",
  };
  const disks = capability(sku, "MaxDataDiskCount");
  if (disks !== undefined) fact.maxDataDisks = Number(disks);
  return fact;
};

const osTypeOf = (os: string | undefined): "linux" | "windows" => (os?.toLowerCase() === "windows" ? "windows" : "linux");

/** A version as the portal shows it: OS facts from its definition, replication per region. */
export const toVersionInfo = (v: GalleryImageVersion, definition: GalleryImage): GalleryImageVersionInfo => {
  const profile = v.publishingProfile;
  const info: GalleryImageVersionInfo = {
    id: v.id ?? "",
    name: v.name ?? "",
    location: v.location,
    osType: osTypeOf(definition.osType),
    osState: definition.osState === "Specialized" ? "Specialized" : "Generalized",
    replication: (profile?.targetRegions ?? []).map((r) => ({ region: r.name, replicaCount: r.regionalReplicaCount ?? profile?.replicaCount ?? 1 })),
  };
  if (v.provisioningState !== undefined) info.state = v.provisioningState;
  if (profile?.publishedDate) info.publishedDate = profile.publishedDate.toISOString();
  if (profile?.endOfLifeDate) info.endOfLifeDate = profile.endOfLifeDate.toISOString();
  if (profile?.excludeFromLatest !== undefined) info.excludeFromLatest = profile.excludeFromLatest;
  for (const status of v.replicationStatus?.summary ?? []) {
    const row = info.replication.find((r) => r.region.toLowerCase() === status.region?.toLowerCase());
    if (row) {
      if (status.state !== undefined) row.state = status.state;
      if (status.progress !== undefined) row.progress = status.progress;
    }
  }
  return info;
};

export interface ArmGatewayOptions {
  /**
   * How long a replica change waits for Azure before answering with state "Updating". Real
   * replication takes minutes; the operation goes on in Azure either way.
   */
  replicationWaitMs?: number;
  /** Poll interval of long-running operations when ARM sends no Retry-After (SDK default 2 s). */
  pollIntervalMs?: number;
}

export interface RegionalReplicas {
  region: string;
  replicaCount: number;
}

/** The few ARM calls the portal makes, on behalf of the signed-in operator. */
export class ArmGateway {
  constructor(
    private readonly endpoint: string,
    private readonly tokens: OnBehalfOfTokens,
    private readonly operator: Operator,
    private readonly options: ArmGatewayOptions = {},
  ) {}

  private token = async () => (await this.tokens.tokenFor(this.operator, ARM_SCOPE)).token;

  private batch(subscriptionId: string): BatchManagementClient {
    const client = new BatchManagementClient({ getToken: async () => null }, subscriptionId, {
      endpoint: this.endpoint,
      $host: this.endpoint,
      credentialScopes: [ARM_SCOPE],
    });
    useOnBehalfOfBearer(client.pipeline, this.token);
    return client;
  }

  private compute(subscriptionId: string): ComputeManagementClient {
    const client = new ComputeManagementClient({ getToken: async () => null }, subscriptionId, {
      endpoint: this.endpoint,
      credentials: { scopes: [ARM_SCOPE] },
    });
    useOnBehalfOfBearer(client.pipeline, this.token);
    return client;
  }

  /**
   * One ARM call outside the SDKs (arm-resources / arm-subscriptions / arm-storage are not
   * dependencies), with the same bearer token, request ids and ARM's error shape on the thrown
   * error (statusCode, code), as the SDKs do.
   */
  private async armGet<T>(pathOrUrl: string, method: "GET" | "POST" = "GET"): Promise<T> {
    const url = pathOrUrl.startsWith("/") ? `${this.endpoint}${pathOrUrl}` : pathOrUrl;
    const requestId = currentRequestId();
    const headers: Record<string, string> = { authorization: `Bearer ${await this.token()}`, ...(requestId !== undefined ? { "x-ms-client-request-id": requestId } : {}) };
    const res = await fetch(url, { method, headers, signal: AbortSignal.timeout(30_000) });
    // As the SDKs' policy does (arm-pipeline.ts): ARM's id of every answer, refusals included.
    recordUpstreamRequestId("arm", res.headers.get("x-ms-request-id"));
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
      throw Object.assign(new Error(body.error?.message ?? `ARM answered ${res.status}`), {
        statusCode: res.status,
        code: body.error?.code,
        details: body,
      });
    }
    return (await res.json()) as T;
  }

  /** What the user holds at a resource (Microsoft.Authorization/permissions): one block per role assignment that applies. */
  async permissionsAt(resourceId: string): Promise<PermissionBlock[]> {
    const body = await this.armGet<{ value?: unknown[] }>(`${resourceId}/providers/Microsoft.Authorization/permissions?api-version=${AUTHORIZATION_API_VERSION}`);
    return (body.value ?? []).flatMap((b) => {
      const parsed = PermissionBlock.safeParse(b);
      return parsed.success ? [parsed.data] : [];
    });
  }

  async listSubscriptions(): Promise<SubscriptionInfo[]> {
    const out: SubscriptionInfo[] = [];
    let url: string | undefined = `/subscriptions?api-version=${RESOURCES_API_VERSION}`;
    for (let page = 0; url && page < 20; page++) {
      const body: { value?: { subscriptionId: string; displayName?: string }[]; nextLink?: string } = await this.armGet(url);
      for (const s of body.value ?? []) {
        const info: SubscriptionInfo = { subscriptionId: s.subscriptionId };
        if (s.displayName !== undefined) info.displayName = s.displayName;
        out.push(info);
      }
      url = body.nextLink && new URL(body.nextLink).origin === new URL(this.endpoint).origin ? body.nextLink : undefined;
    }
    return out;
  }

  /**
   * A subscription's Microsoft Entra tenant (`GET /subscriptions/{id}`). A subscription of another
   * tenant cannot be read with this tenant's token: ARM answers 401 InvalidAuthenticationTokenTenant
   * and names the subscription's tenant in the message, which is the answer here too.
   */
  async getSubscriptionTenant(subscriptionId: string): Promise<string | undefined> {
    try {
      const body = await this.armGet<{ tenantId?: string }>(`/subscriptions/${encodeURIComponent(subscriptionId)}?api-version=${RESOURCES_API_VERSION}`);
      return body.tenantId;
    } catch (err) {
      const { code, message } = err as { code?: string; message?: string };
      const named = code === "InvalidAuthenticationTokenTenant" ? TENANT_IN_WRONG_ISSUER.exec(message ?? "")?.[1] : undefined;
      if (named) return named;
      throw err;
    }
  }

  /** registrationState of a resource provider in a subscription (`GET /subscriptions/{id}/providers/{namespace}`). */
  async getProviderRegistrationState(subscriptionId: string, namespace: string): Promise<string | undefined> {
    const body = await this.armGet<{ registrationState?: string }>(
      `/subscriptions/${encodeURIComponent(subscriptionId)}/providers/${encodeURIComponent(namespace)}?api-version=${PROVIDERS_API_VERSION}`,
    );
    return body.registrationState;
  }

  /**
   * A storage account's blob endpoint and key1, by its ARM id (GET, then POST listKeys). Reading
   * keys needs Microsoft.Storage/storageAccounts/listKeys/action, which Azure's Reader role lacks:
   * that 403 reaches the caller as ARM gave it.
   */
  async storageAccountKey(storageAccountId: string): Promise<StorageAccountKey> {
    // The id comes from ARM, but it becomes a URL path here: only the one shape it can have.
    const id = STORAGE_ACCOUNT_ID.exec(storageAccountId)?.[0];
    if (!id) throw problem(502, problemCodes.upstreamUnavailable, "ARM named an auto-storage account whose id is not a storage account's");
    const account = await this.armGet<{ name?: string; properties?: { primaryEndpoints?: { blob?: string } } }>(`${id}?api-version=${STORAGE_API_VERSION}`);
    const keys = await this.armGet<{ keys?: { keyName?: string; value?: string }[] }>(`${id}/listKeys?api-version=${STORAGE_API_VERSION}`, "POST");
    const key = keys.keys?.find((k) => k.keyName?.toLowerCase() === "key1")?.value ?? keys.keys?.[0]?.value;
    const blobEndpoint = account.properties?.primaryEndpoints?.blob;
    if (!key || !blobEndpoint || !account.name) throw problem(502, problemCodes.upstreamUnavailable, `ARM returned no blob endpoint or key for the storage account ${account.name ?? ""}`);
    return { accountName: account.name, blobEndpoint, key };
  }

  async listBatchAccounts(subscriptionId: string): Promise<AccountSummary[]> {
    const accounts = await collect(this.batch(subscriptionId).batchAccountOperations.list(), "Microsoft.Batch/batchAccounts/read");
    return accounts.map((a) => toAccountSummary(subscriptionId, a));
  }

  async getBatchAccount(subscriptionId: string, resourceGroup: string, name: string): Promise<AccountSummary> {
    return toAccountSummary(subscriptionId, await this.batch(subscriptionId).batchAccountOperations.get(resourceGroup, name));
  }

  /**
   * Each application's default version, by lower-case application name (null: it has none). Only
   * ARM knows it: Batch's own application list has no default version.
   */
  async listApplicationDefaults(subscriptionId: string, resourceGroup: string, accountName: string): Promise<Map<string, string | null>> {
    const apps = await collect(this.batch(subscriptionId).applicationOperations.list(resourceGroup, accountName), "Microsoft.Batch/batchAccounts/applications/read");
    return new Map(apps.map((a) => [(a.name ?? "").toLowerCase(), a.defaultVersion ?? null]));
  }

  async listVmSizes(subscriptionId: string, location: string) {
    const skus = await collect(this.batch(subscriptionId).location.listSupportedVirtualMachineSkus(location), "Microsoft.Batch/locations/virtualMachineSkus/read");
    return skus.map(toVmSizeFact);
  }

  async listGalleries(subscriptionId: string): Promise<GalleryInfo[]> {
    const galleries = await collect(this.compute(subscriptionId).galleries.list(), "Microsoft.Compute/galleries/read");
    return galleries.map((g) => {
      const info: GalleryInfo = { id: g.id ?? "", name: g.name ?? "", resourceGroup: resourceGroupOf(g.id), location: g.location };
      if (g.description !== undefined) info.description = g.description;
      return info;
    });
  }

  async listGalleryImages(subscriptionId: string, resourceGroup: string, gallery: string): Promise<GalleryImageDefinitionInfo[]> {
    const images = await collect(this.compute(subscriptionId).galleryImages.listByGallery(resourceGroup, gallery), "Microsoft.Compute/galleries/images/read");
    return images.map((i) => {
      const info: GalleryImageDefinitionInfo = {
        id: i.id ?? "",
        name: i.name ?? "",
        location: i.location,
        osType: osTypeOf(i.osType),
        osState: i.osState === "Specialized" ? "Specialized" : "Generalized",
      };
      if (i.hyperVGeneration !== undefined) info.hyperVGeneration = i.hyperVGeneration;
      if (i.identifier) Object.assign(info, { publisher: i.identifier.publisher, offer: i.identifier.offer, sku: i.identifier.sku });
      if (i.endOfLifeDate !== undefined) info.endOfLifeDate = i.endOfLifeDate.toISOString();
      return info;
    });
  }

  /**
   * Replication per target region of one version: Azure reports it only on a GET with
   * `$expand=ReplicationStatus` (lists never carry it).
   */
  async getGalleryImageVersionReplication(subscriptionId: string, resourceGroup: string, gallery: string, image: string, version: string): Promise<{ region: string; state: string }[]> {
    const v = await this.compute(subscriptionId).galleryImageVersions.get(resourceGroup, gallery, image, version, { expand: "ReplicationStatus" });
    return (v.replicationStatus?.summary ?? []).flatMap((r) => (r.region && r.state ? [{ region: r.region, state: r.state }] : []));
  }

  async getGalleryImage(subscriptionId: string, resourceGroup: string, gallery: string, image: string) {
    return this.compute(subscriptionId).galleryImages.get(resourceGroup, gallery, image);
  }

  async listGalleryImageVersions(subscriptionId: string, resourceGroup: string, gallery: string, image: string): Promise<GalleryImageVersionInfo[]> {
    const compute = this.compute(subscriptionId);
    const [definition, versions] = await Promise.all([
      compute.galleryImages.get(resourceGroup, gallery, image),
      collect(compute.galleryImageVersions.listByGalleryImage(resourceGroup, gallery, image), "Microsoft.Compute/galleries/images/versions/read"),
    ]);
    return versions.map((v) => toVersionInfo(v, definition));
  }

  /**
   * Sets one region's replica count of a gallery image version (adding the region if needed) with
   * a PATCH of publishingProfile.targetRegions that passes every other region back unchanged.
   * Waits up to `replicationWaitMs` for the long-running operation; past that it answers the
   * version as Azure reports it meanwhile (state "Updating") and Azure carries on.
   */
  async setRegionalReplicas(subscriptionId: string, resourceGroup: string, gallery: string, image: string, version: string, want: RegionalReplicas): Promise<GalleryImageVersionInfo> {
    const compute = this.compute(subscriptionId);
    const versions = compute.galleryImageVersions;
    try {
      const [definition, current] = await Promise.all([compute.galleryImages.get(resourceGroup, gallery, image), versions.get(resourceGroup, gallery, image, version)]);
      const profile = current.publishingProfile;
      const targetRegions = withRegionalReplicas(profile?.targetRegions ?? [], want.region, want.replicaCount, profile?.storageAccountType);
      const poller = await versions.beginUpdate(resourceGroup, gallery, image, version, { publishingProfile: { targetRegions } }, this.options.pollIntervalMs ? { updateIntervalInMs: this.options.pollIntervalMs } : {});
      const waited = AbortSignal.timeout(this.options.replicationWaitMs ?? 20_000);
      try {
        return toVersionInfo(await poller.pollUntilDone({ abortSignal: waited }), definition);
      } catch (err) {
        if (!waited.aborted) throw err;
        return toVersionInfo(await versions.get(resourceGroup, gallery, image, version), definition);
      }
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 403) {
        throw problem(403, "AuthorizationFailed", `You may not change the replicas of ${image} ${version}: setting them needs write access to the gallery (Microsoft.Compute/galleries/images/versions/write, e.g. the Contributor role on ${gallery}).`, {
          detail: "Ask the gallery's owner for the role, or to set the replicas for you. Azure said: " + ((err as Error).message.split("\n")[0] ?? ""),
        });
      }
      throw err;
    }
  }
}
