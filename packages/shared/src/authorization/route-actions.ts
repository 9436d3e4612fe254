import { apiRouteNames, apiRoutePaths, type ApiRouteName } from "../api/route-paths";
import { missingPermissions, type AzureAction, type Grants } from "./permissions";

/**
 * What each portal route needs in Azure, declared once: the Azure RBAC permissions the user's
 * token must hold at the Batch account (or gallery, subscription) for the call to succeed, by the
 * names Azure checks (Batch: "Role-based access control for Azure Batch service"; pools and
 * applications are actions, jobs and job schedules — tasks are part of a job — data actions). From
 * this one table the portal disables what the user may not do and says which permission is
 * missing, a test walks every route as every seeded role, and docs/CONFIGURATION.md's
 * least-privilege role is checked against it. A route that reaches no Azure permission says why.
 */
export type RouteAuthorization = { needs: readonly AzureAction[] } | { none: string };

const B = "Microsoft.Batch/batchAccounts";
const act = (action: string): AzureAction => ({ action, kind: "action" });
const data = (action: string): AzureAction => ({ action, kind: "dataAction" });

const POOLS_READ = act(`${B}/pools/read`);
const POOLS_WRITE = act(`${B}/pools/write`);
const JOBS_READ = data(`${B}/jobs/read`);
const JOBS_WRITE = data(`${B}/jobs/write`);
const SCHEDULES_READ = data(`${B}/jobSchedules/read`);
const SCHEDULES_WRITE = data(`${B}/jobSchedules/write`);
/** The BFF reads saved outputs with the auto-storage account's key, which only listKeys answers. */
const STORAGE_KEYS = act("Microsoft.Storage/storageAccounts/listKeys/action");

const needs = (...list: AzureAction[]): RouteAuthorization => ({ needs: list });
const TICKET = { none: "authorised by a single-use ticket, minted by a route that needed the read permission" };

export const routeAuthorization = {
  health: { none: "no Azure call" },
  openapi: { none: "no Azure call" },
  config: { none: "no Azure call" },
  emulator: { none: "no Azure call (the local emulator's own note)" },
  me: { none: "the signed-in user's own profile, from their token" },
  accounts: { none: "a list: ARM answers only the accounts the user may read, never a refusal" },
  permissions: { none: "Azure answers anyone what they hold at a scope" },
  catalogImages: needs(act(`${B}/read`)),
  catalogVmSizes: needs(act("Microsoft.Batch/locations/virtualMachineSkus/read")),
  applications: needs(act(`${B}/applications/read`)),
  // Lists: ARM answers only what the user may read (an empty list), refusing only someone with no role in the subscription.
  galleries: needs(act("Microsoft.Compute/galleries/read")),
  galleryImages: needs(act("Microsoft.Compute/galleries/images/read")),
  // The image definition is read first (its generation and OS state judge each version).
  galleryImageVersions: needs(act("Microsoft.Compute/galleries/images/read"), act("Microsoft.Compute/galleries/images/versions/read")),
  setGalleryReplicas: needs(act("Microsoft.Compute/galleries/images/versions/write")),
  pools: needs(POOLS_READ),
  createPool: needs(POOLS_WRITE),
  pool: needs(POOLS_READ),
  deletePool: needs(act(`${B}/pools/delete`)),
  resizePool: needs(POOLS_WRITE),
  setPoolStartTask: needs(POOLS_WRITE),
  poolSpec: needs(POOLS_READ),
  nodes: needs(POOLS_READ),
  node: needs(POOLS_READ),
  rebootNode: needs(POOLS_WRITE),
  nodeFiles: needs(POOLS_READ),
  nodeFileContent: needs(POOLS_READ),
  nodeFileFollow: needs(POOLS_READ),
  nodeFileSearch: needs(POOLS_READ),
  nodeFileDownloadTicket: needs(POOLS_READ),
  nodeFileTicketDownload: TICKET,
  jobs: needs(JOBS_READ),
  createJob: needs(JOBS_WRITE),
  job: needs(JOBS_READ),
  jobSpec: needs(JOBS_READ),
  updateJob: needs(JOBS_WRITE),
  terminateJob: needs(JOBS_WRITE),
  deleteJob: needs(data(`${B}/jobs/delete`)),
  disableJob: needs(JOBS_WRITE),
  enableJob: needs(JOBS_WRITE),
  jobNodeTaskStatus: needs(JOBS_READ),
  taskCounts: needs(JOBS_READ),
  jobSchedules: needs(SCHEDULES_READ),
  createJobSchedule: needs(SCHEDULES_WRITE),
  jobSchedule: needs(SCHEDULES_READ),
  jobScheduleSpec: needs(SCHEDULES_READ),
  updateJobSchedule: needs(SCHEDULES_WRITE),
  disableJobSchedule: needs(SCHEDULES_WRITE),
  enableJobSchedule: needs(SCHEDULES_WRITE),
  terminateJobSchedule: needs(SCHEDULES_WRITE),
  deleteJobSchedule: needs(data(`${B}/jobSchedules/delete`)),
  jobScheduleJobs: needs(JOBS_READ),
  tasks: needs(JOBS_READ),
  addTask: needs(JOBS_WRITE),
  task: needs(JOBS_READ),
  taskSpec: needs(JOBS_READ),
  addTasks: needs(JOBS_WRITE),
  deleteTask: needs(data(`${B}/jobs/delete`)),
  terminateTask: needs(JOBS_WRITE),
  reactivateTask: needs(JOBS_WRITE),
  taskFiles: needs(JOBS_READ),
  taskFileContent: needs(JOBS_READ),
  taskFileFollow: needs(JOBS_READ),
  taskFileSearch: needs(JOBS_READ),
  taskFileDownloadTicket: needs(JOBS_READ),
  taskFileTicketDownload: TICKET,
  // The list answers without the keys too (each destination then says why it cannot be read).
  taskSavedOutputs: needs(JOBS_READ),
  taskSavedOutputFileContent: needs(JOBS_READ, STORAGE_KEYS),
  taskSavedOutputFileSearch: needs(JOBS_READ, STORAGE_KEYS),
  taskSavedOutputFileDownloadTicket: needs(JOBS_READ, STORAGE_KEYS),
  taskSavedOutputFileTicketDownload: TICKET,
  validatePool: needs(POOLS_READ),
  validateTask: needs(JOBS_READ),
  validateJobSchedule: needs(SCHEDULES_READ),
  registryTest: { none: "talks to the container registry only, not to Azure" },
  registryInspect: { none: "talks to the container registry only, not to Azure" },
} as const satisfies Record<ApiRouteName, RouteAuthorization>;

/** Reading the account through ARM: every account route needs it first (the BFF finds the account's endpoint so). */
export const ACCOUNT_READ: AzureAction = act(`${B}/read`);

/** The permissions a route needs (none for the routes that reach no Azure permission). */
export const routeNeeds = (name: ApiRouteName): readonly AzureAction[] => {
  const auth: RouteAuthorization = routeAuthorization[name];
  return "needs" in auth ? auth.needs : [];
};

/** Path levels below a Batch account: their permissions are checked at (or under) the account. */
const ACCOUNT_LEVELS = new Set(["account", "pool", "node", "job", "task", "jobSchedule"]);

/**
 * The account routes these permission blocks do not let the user call, each with what is missing.
 * Gallery and subscription routes are checked at their own scope, so they are not judged here.
 */
export const refusedRoutes = (blocks: readonly Grants[]): Partial<Record<ApiRouteName, AzureAction[]>> => {
  const out: Partial<Record<ApiRouteName, AzureAction[]>> = {};
  for (const name of apiRouteNames) {
    if (!ACCOUNT_LEVELS.has(apiRoutePaths[name].params) || name === "catalogVmSizes" || name === "permissions") continue;
    const missing = missingPermissions(blocks, [ACCOUNT_READ, ...routeNeeds(name)]);
    if (missing.length > 0) out[name] = missing;
  }
  return out;
};
