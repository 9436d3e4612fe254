import type { Request } from "express";
import type { LocalAzureSeed, SeedBatchAccount, SeedStorageAccount, SeedSubscription } from "../seed";
import type { ApplicationCatalog } from "../applications/application-catalog";
import { blobEndpoint, storageAccountAccess, storageKeys, type LocalStorage } from "../storage/local-storage";
import { vmSkusIn } from "../seed";
import { ArmError, armErrors } from "./arm-errors";
import type { ArmCaller } from "./arm-auth";
import { authorizationFailed, requestScope } from "./arm-authorization";
import { PERMISSION_PATTERNS, permissionsAt } from "./permissions-routes";
import { pageOf } from "./paging";
import type { AccessControl } from "../rbac";
import { normalizeLocation } from "./locations";
import {
  activateVersion,
  deleteApplication,
  deleteVersion,
  getApplication,
  getVersion,
  listApplications,
  listVersions,
  patchApplication,
  putApplication,
  putVersion,
  type ApplicationScope,
} from "./batch-applications";
import { ArmReply, changedRegions, targetRegionsFromPatch, type GalleryOperations } from "./gallery-writes";
import {
  batchAccountId,
  batchAccountResource,
  galleryImageResource,
  galleryImageVersionResource,
  galleryResource,
  resourceGroupResource,
  resourceProviderJson,
  storageAccountId,
  storageAccountResource,
  storageKeysResource,
  subscriptionJson,
  subscriptionResource,
  vmSkuResource,
} from "./resource-shapes";

/** Api-versions accepted per provider; the pinned SDKs send the first of each list's newest entries. */
export const API_VERSIONS = {
  /** @azure/arm-batch 9.1.0 sends 2023-11-01. */
  batch: ["2023-05-01", "2023-11-01", "2024-02-01", "2024-07-01"],
  /** @azure/arm-compute 24.1.0 sends 2025-03-03 for galleries. */
  compute: ["2022-03-03", "2022-08-03", "2023-07-03", "2024-03-03", "2025-03-03"],
  /** Microsoft.Storage storageAccounts (what @azure/arm-storage 18.x and the Azure CLI send). */
  storage: ["2021-09-01", "2022-09-01", "2023-01-01", "2023-05-01", "2024-01-01"],
  /** Subscriptions / resource groups (ARM's Microsoft.Resources). */
  resources: ["2016-06-01", "2020-01-01", "2021-01-01", "2021-04-01", "2022-12-01"],
  /** Microsoft.Authorization/permissions (the Azure CLI and @azure/arm-authorization send 2022-04-01). */
  authorization: ["2015-07-01", "2018-01-01-preview", "2022-04-01"],
} as const;

export interface ArmContext {
  seed: LocalAzureSeed;
  /** Origin the server is reached at, for nextLink. */
  baseUrl: string;
  pageSize: number;
  /** account name (lower case) → host:port of its data plane. */
  accountEndpoints: Map<string, string>;
  /** account name (lower case) → its shared key, for listKeys. */
  accountKeys: Map<string, string>;
  /** The role assignments every route is checked against (see src/rbac). */
  access: AccessControl;
  /** Long-running gallery writes (replication) and their status. */
  operations: GalleryOperations;
  /** The blob service behind the seeded storage accounts; without it ARM serves none. */
  storage?: LocalStorage;
  /** When this ARM started: the storage accounts' creation and key times. */
  startedAt: string;
  /** The Batch accounts' applications and packages (their blobs are in the auto-storage accounts). */
  applications: ApplicationCatalog;
}

interface RouteMatch {
  params: Record<string, string>;
}

interface Route {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  pattern: string[];
  provider: keyof typeof API_VERSIONS;
  resourceType: string;
  /** The RBAC action ARM would check (named in 403s). */
  action: string;
  /** Served for the seed's other subscriptions too (they hold no resources, only these). */
  everySubscription?: true;
  /**
   * A list: the handler returns every item (each with its resource `id`) and ARM pages only those
   * the caller may read, as Azure filters lists by the caller's assignments instead of refusing them.
   */
  list?: true;
  /** Answered for any signed-in caller of the tenant, about themselves (Microsoft.Authorization/permissions). */
  self?: true;
  handle: (ctx: ArmContext, m: RouteMatch, req: Request, caller: ArmCaller) => unknown;
}

const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function matchPattern(pattern: string[], segments: string[]): RouteMatch | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const s = decodeURIComponent(segments[i]!);
    if (p.startsWith(":")) params[p.slice(1)] = s;
    else if (!eq(p, s)) return undefined;
  }
  return { params };
}

function resourceGroup(ctx: ArmContext, name: string) {
  const rg = ctx.seed.resourceGroups.find((r) => eq(r.name, name));
  if (!rg) throw armErrors.resourceGroupNotFound(name);
  return rg;
}

function batchAccount(ctx: ArmContext, rgName: string, name: string): SeedBatchAccount {
  const rg = resourceGroup(ctx, rgName);
  const account = ctx.seed.batchAccounts.find((a) => eq(a.resourceGroup, rg.name) && eq(a.name, name));
  if (!account) throw armErrors.resourceNotFound("Microsoft.Batch/batchAccounts", name, rg.name);
  return account;
}

/** The seeded storage accounts, when a blob service serves them. */
const storageAccounts = (ctx: ArmContext): readonly SeedStorageAccount[] =>
  ctx.storage ? (ctx.seed.storageAccounts ?? []) : [];

function storageAccount(ctx: ArmContext, rgName: string, name: string): SeedStorageAccount {
  const rg = resourceGroup(ctx, rgName);
  const account = storageAccounts(ctx).find((a) => eq(a.resourceGroup, rg.name) && eq(a.name, name));
  if (!account) throw armErrors.resourceNotFound("Microsoft.Storage/storageAccounts", name, rg.name);
  return account;
}

function storageJson(ctx: ArmContext, a: SeedStorageAccount) {
  // storageAccounts() is empty without ctx.storage, so every caller has one.
  const endpoint = ctx.storage ? blobEndpoint(ctx.storage, a.name) : "";
  return storageAccountResource(ctx.seed, a, endpoint, ctx.startedAt);
}

/** The account's linked auto-storage account, when it is one the blob service serves. */
const linkedStorage = (ctx: ArmContext, a: SeedBatchAccount) =>
  storageAccounts(ctx).find((s) => a.autoStorageAccount && eq(s.name, a.autoStorageAccount));

/** The applications of the account a route names, with the storage their packages live in. */
function applicationScope(ctx: ArmContext, m: RouteMatch): ApplicationScope {
  const a = batchAccount(ctx, m.params.rg!, m.params.account!);
  const linked = linkedStorage(ctx, a);
  return {
    accountId: batchAccountId(ctx.seed, a),
    accountName: a.name,
    apps: ctx.applications.applicationsOf(a.name),
    storage: linked && ctx.storage ? storageAccountAccess(ctx.storage, linked.name) : undefined,
  };
}

function accountJson(ctx: ArmContext, a: SeedBatchAccount) {
  const endpoint = ctx.accountEndpoints.get(a.name.toLowerCase()) ?? `${a.name}.${a.location}.batch.local`;
  const linked = linkedStorage(ctx, a);
  const autoStorage = linked && {
    storageAccountId: storageAccountId(ctx.seed, linked),
    lastKeySync: ctx.startedAt,
    authenticationMode: "StorageKeys" as const,
  };
  return batchAccountResource(ctx.seed, a, endpoint, autoStorage);
}

function gallery(ctx: ArmContext, rgName: string, name: string) {
  const rg = resourceGroup(ctx, rgName);
  const g = ctx.seed.galleries.find((x) => eq(x.resourceGroup, rg.name) && eq(x.name, name));
  if (!g) throw armErrors.resourceNotFound("Microsoft.Compute/galleries", name, rg.name);
  return g;
}

function galleryImage(ctx: ArmContext, rgName: string, galleryName: string, name: string) {
  const g = gallery(ctx, rgName, galleryName);
  const i = g.images.find((x) => eq(x.name, name));
  if (!i)
    throw armErrors.resourceNotFound(`Microsoft.Compute/galleries/${g.name}/images`, name, g.resourceGroup);
  return { g, i };
}

function galleryImageVersion(ctx: ArmContext, m: RouteMatch) {
  const { g, i } = galleryImage(ctx, m.params.rg!, m.params.gallery!, m.params.image!);
  const v = i.versions.find((x) => eq(x.name, m.params.version!));
  if (!v)
    throw armErrors.resourceNotFound(
      `Microsoft.Compute/galleries/${g.name}/images/${i.name}/versions`,
      m.params.version!,
      g.resourceGroup,
    );
  return { g, i, v };
}

/**
 * PATCH of a version's publishingProfile.targetRegions: the new replica counts are stored at once
 * (GETs report them, as Azure reports the desired regions while it replicates) and the answer is
 * a long-running operation that succeeds after the emulator's replication time.
 */
function updateGalleryImageVersion(ctx: ArmContext, m: RouteMatch, req: Request): ArmReply {
  const { g, i, v } = galleryImageVersion(ctx, m);
  const regions = targetRegionsFromPatch(
    req.body,
    Math.max(1, ...v.targetRegions.map((r) => r.regionalReplicaCount)),
  );
  const changed = regions ? changedRegions(v.targetRegions, regions) : [];
  if (regions) v.targetRegions = regions;
  const op = ctx.operations.start(v, changed);
  const apiVersion = String(req.query["api-version"] ?? API_VERSIONS.compute.at(-1));
  const status = `${ctx.baseUrl}/subscriptions/${ctx.seed.subscription.subscriptionId}/providers/Microsoft.Compute/locations/${g.location}/capsOperations/${op.id}?api-version=${apiVersion}`;
  return new ArmReply(
    200,
    galleryImageVersionResource(ctx.seed, g, i, v, ctx.operations.provisioningState(v)),
    {
      "azure-asyncoperation": status,
      "retry-after": "1",
    },
  );
}

/** The regions the local Batch provider serves: those of the seeded accounts. */
function batchLocation(ctx: ArmContext, location: string, type: string): string {
  const available = [...new Set(ctx.seed.batchAccounts.map((a) => a.location))];
  const loc = normalizeLocation(location);
  if (!available.includes(loc))
    throw armErrors.locationNotAvailable(location, `Microsoft.Batch/locations/${type}`, available);
  return loc;
}

const SUB = ["subscriptions", ":sub"];
const RG = [...SUB, "resourceGroups", ":rg"];
const BATCH_ACCOUNTS = [...RG, "providers", "Microsoft.Batch", "batchAccounts"];
const GALLERIES = [...RG, "providers", "Microsoft.Compute", "galleries"];
const STORAGE_ACCOUNTS = [...RG, "providers", "Microsoft.Storage", "storageAccounts"];

const APPLICATIONS = [...BATCH_ACCOUNTS, ":account", "applications"];
const VERSIONS = [...APPLICATIONS, ":app", "versions"];

/** Applications and their packages (versions) of a Batch account: see batch-applications.ts. */
function applicationRoutes(): Route[] {
  const app = (
    method: Route["method"],
    pattern: string[],
    resourceType: string,
    verb: "read" | "write" | "delete" | "activate/action",
    handle: (scope: ApplicationScope, m: RouteMatch, req: Request, ctx: ArmContext) => unknown,
  ): Route => ({
    method,
    pattern,
    provider: "batch",
    resourceType,
    action: `Microsoft.Batch/batchAccounts/${resourceType.replace("batchAccounts/", "")}/${verb}`,
    handle: (ctx, m, req) => handle(applicationScope(ctx, m), m, req, ctx),
  });
  const A = "batchAccounts/applications";
  const V = "batchAccounts/applications/versions";
  return [
    { ...app("GET", APPLICATIONS, A, "read", (s) => listApplications(s)), list: true },
    app("GET", [...APPLICATIONS, ":app"], A, "read", (s, m) => getApplication(s, m.params.app!)),
    app("PUT", [...APPLICATIONS, ":app"], A, "write", (s, m, req) => putApplication(s, m.params.app!, req)),
    app("PATCH", [...APPLICATIONS, ":app"], A, "write", (s, m, req) =>
      patchApplication(s, m.params.app!, req),
    ),
    app("DELETE", [...APPLICATIONS, ":app"], A, "delete", (s, m) => deleteApplication(s, m.params.app!)),
    { ...app("GET", VERSIONS, V, "read", (s, m) => listVersions(s, m.params.app!)), list: true },
    app("GET", [...VERSIONS, ":version"], V, "read", (s, m) =>
      getVersion(s, m.params.app!, m.params.version!),
    ),
    app("PUT", [...VERSIONS, ":version"], V, "write", (s, m) =>
      putVersion(s, m.params.app!, m.params.version!),
    ),
    app("DELETE", [...VERSIONS, ":version"], V, "delete", (s, m) =>
      deleteVersion(s, m.params.app!, m.params.version!),
    ),
    app("POST", [...VERSIONS, ":version", "activate"], V, "activate/action", (s, m, req) =>
      activateVersion(s, m.params.app!, m.params.version!, req),
    ),
  ];
}

export const ARM_ROUTES: Route[] = [
  {
    method: "GET",
    pattern: SUB,
    provider: "resources",
    resourceType: "subscriptions",
    action: "Microsoft.Resources/subscriptions/read",
    everySubscription: true,
    handle: (ctx, m) => subscriptionJson(subscriptionOf(ctx, m.params.sub!)!),
  },
  {
    method: "GET",
    pattern: [...SUB, "providers", ":namespace"],
    provider: "resources",
    resourceType: "providers",
    action: "Microsoft.Resources/subscriptions/providers/read",
    everySubscription: true,
    handle: (ctx, m) => {
      const namespace = m.params.namespace!;
      if (!/^[A-Za-z][\w-]*(\.[A-Za-z][\w-]*)+$/.test(namespace))
        throw new ArmError(
          404,
          "InvalidResourceNamespace",
          `The resource namespace '${namespace}' is invalid.`,
        );
      return resourceProviderJson(
        subscriptionOf(ctx, m.params.sub!)!,
        namespace,
        API_VERSIONS.batch,
        API_VERSIONS.compute,
        API_VERSIONS.storage,
      );
    },
  },
  {
    method: "GET",
    pattern: [...SUB, "resourcegroups"],
    provider: "resources",
    resourceType: "resourceGroups",
    action: "Microsoft.Resources/subscriptions/resourceGroups/read",
    list: true,
    handle: (ctx) => ctx.seed.resourceGroups.map((rg) => resourceGroupResource(ctx.seed, rg)),
  },
  {
    method: "GET",
    pattern: RG,
    provider: "resources",
    resourceType: "resourceGroups",
    action: "Microsoft.Resources/subscriptions/resourceGroups/read",
    handle: (ctx, m) => resourceGroupResource(ctx.seed, resourceGroup(ctx, m.params.rg!)),
  },
  {
    method: "GET",
    pattern: [...SUB, "providers", "Microsoft.Batch", "batchAccounts"],
    provider: "batch",
    resourceType: "batchAccounts",
    action: "Microsoft.Batch/batchAccounts/read",
    list: true,
    handle: (ctx) => ctx.seed.batchAccounts.map((a) => accountJson(ctx, a)),
  },
  {
    method: "GET",
    pattern: BATCH_ACCOUNTS,
    provider: "batch",
    resourceType: "batchAccounts",
    action: "Microsoft.Batch/batchAccounts/read",
    list: true,
    handle: (ctx, m) => {
      const rg = resourceGroup(ctx, m.params.rg!);
      return ctx.seed.batchAccounts
        .filter((a) => eq(a.resourceGroup, rg.name))
        .map((a) => accountJson(ctx, a));
    },
  },
  {
    method: "GET",
    pattern: [...BATCH_ACCOUNTS, ":account"],
    provider: "batch",
    resourceType: "batchAccounts",
    action: "Microsoft.Batch/batchAccounts/read",
    handle: (ctx, m) => accountJson(ctx, batchAccount(ctx, m.params.rg!, m.params.account!)),
  },
  {
    method: "POST",
    pattern: [...BATCH_ACCOUNTS, ":account", "listKeys"],
    provider: "batch",
    resourceType: "batchAccounts",
    action: "Microsoft.Batch/batchAccounts/listKeys/action",
    handle: (ctx, m) => {
      const a = batchAccount(ctx, m.params.rg!, m.params.account!);
      const key = ctx.accountKeys.get(a.name.toLowerCase());
      if (!key)
        throw new ArmError(
          409,
          "OperationNotAllowed",
          `The account '${a.name}' has no data plane running locally, so it has no keys.`,
        );
      return { accountName: a.name, primary: key, secondary: key };
    },
  },
  ...applicationRoutes(),
  {
    method: "GET",
    pattern: [...SUB, "providers", "Microsoft.Storage", "storageAccounts"],
    provider: "storage",
    resourceType: "storageAccounts",
    action: "Microsoft.Storage/storageAccounts/read",
    list: true,
    handle: (ctx) => storageAccounts(ctx).map((a) => storageJson(ctx, a)),
  },
  {
    method: "GET",
    pattern: STORAGE_ACCOUNTS,
    provider: "storage",
    resourceType: "storageAccounts",
    action: "Microsoft.Storage/storageAccounts/read",
    list: true,
    handle: (ctx, m) => {
      const rg = resourceGroup(ctx, m.params.rg!);
      const inGroup = storageAccounts(ctx).filter((a) => eq(a.resourceGroup, rg.name));
      return inGroup.map((a) => storageJson(ctx, a));
    },
  },
  {
    method: "GET",
    pattern: [...STORAGE_ACCOUNTS, ":account"],
    provider: "storage",
    resourceType: "storageAccounts",
    action: "Microsoft.Storage/storageAccounts/read",
    handle: (ctx, m) => storageJson(ctx, storageAccount(ctx, m.params.rg!, m.params.account!)),
  },
  {
    method: "POST",
    pattern: [...STORAGE_ACCOUNTS, ":account", "listKeys"],
    provider: "storage",
    resourceType: "storageAccounts",
    action: "Microsoft.Storage/storageAccounts/listKeys/action",
    // Reading keys is an action, not a read: Reader's */read does not cover it.
    handle: (ctx, m) =>
      storageKeysResource(
        storageKeys(storageAccount(ctx, m.params.rg!, m.params.account!).name),
        ctx.startedAt,
      ),
  },
  {
    method: "GET",
    pattern: [...SUB, "providers", "Microsoft.Batch", "locations", ":location", "virtualMachineSkus"],
    provider: "batch",
    resourceType: "locations/virtualMachineSkus",
    action: "Microsoft.Batch/locations/virtualMachineSkus/read",
    handle: (ctx, m, req) =>
      pageOf(
        req,
        ctx.baseUrl,
        vmSkusIn(batchLocation(ctx, m.params.location!, "virtualMachineSkus")).map(vmSkuResource),
        ctx.pageSize,
      ),
  },
  {
    method: "GET",
    pattern: [...SUB, "providers", "Microsoft.Batch", "locations", ":location", "quotas"],
    provider: "batch",
    resourceType: "locations/quotas",
    action: "Microsoft.Batch/locations/quotas/read",
    handle: (ctx, m) => {
      batchLocation(ctx, m.params.location!, "quotas");
      return { accountQuota: 3 };
    },
  },
  {
    method: "GET",
    pattern: [...SUB, "providers", "Microsoft.Compute", "galleries"],
    provider: "compute",
    resourceType: "galleries",
    action: "Microsoft.Compute/galleries/read",
    list: true,
    handle: (ctx) => ctx.seed.galleries.map((g) => galleryResource(ctx.seed, g)),
  },
  {
    method: "GET",
    pattern: GALLERIES,
    provider: "compute",
    resourceType: "galleries",
    action: "Microsoft.Compute/galleries/read",
    list: true,
    handle: (ctx, m) => {
      const rg = resourceGroup(ctx, m.params.rg!);
      return ctx.seed.galleries
        .filter((g) => eq(g.resourceGroup, rg.name))
        .map((g) => galleryResource(ctx.seed, g));
    },
  },
  {
    method: "GET",
    pattern: [...GALLERIES, ":gallery"],
    provider: "compute",
    resourceType: "galleries",
    action: "Microsoft.Compute/galleries/read",
    handle: (ctx, m) => galleryResource(ctx.seed, gallery(ctx, m.params.rg!, m.params.gallery!)),
  },
  {
    method: "GET",
    pattern: [...GALLERIES, ":gallery", "images"],
    provider: "compute",
    resourceType: "galleries/images",
    action: "Microsoft.Compute/galleries/images/read",
    list: true,
    handle: (ctx, m) => {
      const g = gallery(ctx, m.params.rg!, m.params.gallery!);
      return g.images.map((i) => galleryImageResource(ctx.seed, g, i));
    },
  },
  {
    method: "GET",
    pattern: [...GALLERIES, ":gallery", "images", ":image"],
    provider: "compute",
    resourceType: "galleries/images",
    action: "Microsoft.Compute/galleries/images/read",
    handle: (ctx, m) => {
      const { g, i } = galleryImage(ctx, m.params.rg!, m.params.gallery!, m.params.image!);
      return galleryImageResource(ctx.seed, g, i);
    },
  },
  {
    method: "GET",
    pattern: [...GALLERIES, ":gallery", "images", ":image", "versions"],
    provider: "compute",
    resourceType: "galleries/images/versions",
    action: "Microsoft.Compute/galleries/images/versions/read",
    list: true,
    handle: (ctx, m) => {
      const { g, i } = galleryImage(ctx, m.params.rg!, m.params.gallery!, m.params.image!);
      return i.versions.map((v) =>
        galleryImageVersionResource(ctx.seed, g, i, v, ctx.operations.provisioningState(v)),
      );
    },
  },
  {
    method: "GET",
    pattern: [...GALLERIES, ":gallery", "images", ":image", "versions", ":version"],
    provider: "compute",
    resourceType: "galleries/images/versions",
    action: "Microsoft.Compute/galleries/images/versions/read",
    handle: (ctx, m, req) => {
      const { g, i, v } = galleryImageVersion(ctx, m);
      // Azure reports per-region replication only when asked: $expand=ReplicationStatus.
      const expand = String(req.query.$expand ?? "").toLowerCase() === "replicationstatus";
      return galleryImageVersionResource(
        ctx.seed,
        g,
        i,
        v,
        ctx.operations.provisioningState(v),
        expand ? (region) => ctx.operations.replication(v, region) : undefined,
      );
    },
  },
  {
    method: "PATCH",
    pattern: [...GALLERIES, ":gallery", "images", ":image", "versions", ":version"],
    provider: "compute",
    resourceType: "galleries/images/versions",
    action: "Microsoft.Compute/galleries/images/versions/write",
    handle: updateGalleryImageVersion,
  },
  {
    method: "GET",
    pattern: [
      ...SUB,
      "providers",
      "Microsoft.Compute",
      "locations",
      ":location",
      "capsOperations",
      ":operation",
    ],
    provider: "compute",
    resourceType: "locations/capsOperations",
    action: "Microsoft.Compute/locations/operations/read",
    handle: (ctx, m) => {
      const status = ctx.operations.status(m.params.operation!);
      if (!status)
        throw new ArmError(404, "NotFound", `The operation '${m.params.operation!}' was not found.`);
      return status;
    },
  },
  ...Object.values(PERMISSION_PATTERNS).map((pattern): Route => ({
    method: "GET",
    pattern,
    provider: "authorization",
    resourceType: "permissions",
    action: "Microsoft.Authorization/permissions/read",
    self: true,
    handle: (ctx, m, _req, caller) => permissionsAt(ctx, caller, m.params),
  })),
];

export interface ArmRequest {
  method: string;
  segments: string[];
  apiVersion: string | undefined;
  caller: ArmCaller;
}

/**
 * Whether the subscription shows in the caller's `GET /subscriptions`: a caller of the tenant
 * with any role assignment at, above or inside it (Azure lists a subscription to someone who can
 * reach anything in it, e.g. only one Batch account).
 */
export function canSeeSubscription(ctx: ArmContext, caller: ArmCaller, s: SeedSubscription): boolean {
  if (caller.tid && caller.tid !== s.tenantId) return false;
  return ctx.access.hasAnyAssignmentTouching(caller.oid, `/subscriptions/${s.subscriptionId}`);
}

/** The seeded subscription with this id (ids compare case-insensitively), the main one or another. */
export function subscriptionOf(ctx: ArmContext, id: string): SeedSubscription | undefined {
  return [ctx.seed.subscription, ...(ctx.seed.otherSubscriptions ?? [])].find((s) =>
    eq(s.subscriptionId, id),
  );
}

/**
 * A token from one tenant used on a subscription of another: ARM answers 401 and names the
 * subscription's tenant (in these words), which is how a caller learns the tenants differ.
 */
const wrongTenant = (caller: ArmCaller, tenantId: string) =>
  new ArmError(
    401,
    "InvalidAuthenticationTokenTenant",
    `The access token is from the wrong issuer '${String(caller.claims.iss ?? "")}'. It must match the tenant 'https://sts.windows.net/${tenantId}/' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/${tenantId}' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later.`,
    {
      "WWW-Authenticate": `Bearer authorization_uri="https://login.windows.net/${tenantId}", error="invalid_token", error_description="The access token is from the wrong issuer."`,
    },
  );

/** The caller may perform the route's action at its scope, or ARM's 403. */
function authorize(ctx: ArmContext, r: ArmRequest, route: Route, subscription: SeedSubscription): void {
  const scope = requestScope(r.method, r.segments);
  // Reading a subscription is open to whoever it is listed for (they reach something in it).
  const allowed =
    route.resourceType === "subscriptions"
      ? canSeeSubscription(ctx, r.caller, subscription)
      : ctx.access.isAllowed(r.caller.oid, scope, route.action);
  if (!allowed) throw authorizationFailed(r.caller, route.action, scope);
}

/**
 * A list route's items, only those the caller may read, paged. Someone with a role somewhere in
 * the subscription gets the items they can read (possibly none); someone with no role in it at
 * all is refused at the list's scope, as ARM refuses a subscription the caller cannot reach.
 */
async function visibleItems(
  ctx: ArmContext,
  r: ArmRequest,
  route: Route,
  m: RouteMatch,
  req: Request,
  subscription: SeedSubscription,
) {
  if (!canSeeSubscription(ctx, r.caller, subscription))
    throw authorizationFailed(r.caller, route.action, requestScope(r.method, r.segments));
  const items = (await route.handle(ctx, m, req, r.caller)) as { id: string }[];
  const visible = items.filter((item) => ctx.access.isAllowed(r.caller.oid, item.id, route.action));
  return pageOf(req, ctx.baseUrl, visible, ctx.pageSize);
}

/** Dispatches one authenticated ARM request; throws ArmError for every ARM-shaped failure. */
export async function dispatchArm(ctx: ArmContext, r: ArmRequest, req: Request): Promise<unknown> {
  const path = `/${r.segments.join("/")}`;
  if (r.segments.length === 1 && eq(r.segments[0]!, "subscriptions")) {
    if (r.method !== "GET") throw armErrors.methodNotAllowed(r.method, path);
    checkApiVersion("resources", "subscriptions", r.apiVersion);
    const visible = canSeeSubscription(ctx, r.caller, ctx.seed.subscription)
      ? [subscriptionResource(ctx.seed)]
      : [];
    return pageOf(req, ctx.baseUrl, visible, ctx.pageSize);
  }
  const candidates = ARM_ROUTES.map((route) => ({
    route,
    m: matchPattern(route.pattern, r.segments),
  })).filter((x) => x.m);
  if (candidates.length === 0) throw armErrors.invalidResourceType(path);
  const hit = candidates.find((x) => x.route.method === r.method);
  if (!hit) throw armErrors.methodNotAllowed(r.method, path);
  const { route, m } = hit as { route: Route; m: RouteMatch };
  checkApiVersion(route.provider, route.resourceType, r.apiVersion);
  const subscription = subscriptionOf(ctx, m.params.sub!);
  if (!subscription) throw armErrors.subscriptionNotFound(m.params.sub!);
  if (r.caller.tid && r.caller.tid !== subscription.tenantId)
    throw wrongTenant(r.caller, subscription.tenantId);
  if (subscription !== ctx.seed.subscription) {
    if (!route.self) authorize(ctx, r, route, subscription);
    if (!route.everySubscription) {
      // The other subscriptions hold no resources here.
      if (m.params.rg) throw armErrors.resourceGroupNotFound(m.params.rg);
      throw armErrors.subscriptionNotFound(m.params.sub!);
    }
    return route.handle(ctx, m, req, r.caller);
  }
  if (route.list) return visibleItems(ctx, r, route, m, req, subscription);
  if (!route.self) authorize(ctx, r, route, subscription);
  return route.handle(ctx, m, req, r.caller);
}

function checkApiVersion(
  provider: keyof typeof API_VERSIONS,
  resourceType: string,
  apiVersion: string | undefined,
): void {
  if (!apiVersion) throw armErrors.missingApiVersion();
  const supported = API_VERSIONS[provider];
  if (!(supported as readonly string[]).includes(apiVersion))
    throw armErrors.unsupportedApiVersion(resourceType, apiVersion, supported);
}
