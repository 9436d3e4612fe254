/**
 * Method and URL pattern of every portal API route, without schemas: the SPA's URL builders
 * (paths.ts) need only this table, so zod and the validation rules stay off its first route.
 * routes.ts adds summaries and schemas to the same names (one source of truth for paths).
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Which path parameters a route has, named by the resource level they address. path-params.ts
 * gives each level its grammar; a test checks that every path's `:names` are exactly its level's.
 */
export type ParamLevel =
  | "none"
  | "account"
  | "subscription"
  | "gallery"
  | "galleryImage"
  | "galleryImageVersion"
  | "pool"
  | "node"
  | "job"
  | "jobSchedule"
  | "task";

export interface RoutePath {
  method: HttpMethod;
  params: ParamLevel;
  /** Express-style pattern under the origin, e.g. "/api/accounts/:account/pools/:pool". */
  path: string;
}

const A = "/api/accounts/:account";
const POOL = `${A}/pools/:pool`;
const NODE = `${POOL}/nodes/:node`;
const JOB = `${A}/jobs/:job`;
const TASK = `${JOB}/tasks/:task`;
const SCHEDULE = `${A}/job-schedules/:jobSchedule`;
const GALLERY = "/api/subscriptions/:subscription/galleries/:resourceGroup/:gallery";

export const apiRoutePaths = {
  health: { method: "GET", path: "/api/health", params: "none" },
  openapi: { method: "GET", path: "/api/openapi.json", params: "none" },
  config: { method: "GET", path: "/api/config", params: "none" },
  emulator: { method: "GET", path: "/api/emulator", params: "none" },
  me: { method: "GET", path: "/api/me", params: "none" },
  accounts: { method: "GET", path: "/api/accounts", params: "none" },
  permissions: { method: "GET", path: `${A}/permissions`, params: "account" },
  catalogImages: { method: "GET", path: `${A}/catalog/images`, params: "account" },
  catalogVmSizes: { method: "GET", path: `${A}/catalog/vm-sizes`, params: "account" },
  applications: { method: "GET", path: `${A}/applications`, params: "account" },
  galleries: { method: "GET", path: "/api/subscriptions/:subscription/galleries", params: "subscription" },
  galleryImages: { method: "GET", path: `${GALLERY}/images`, params: "gallery" },
  galleryImageVersions: { method: "GET", path: `${GALLERY}/images/:image/versions`, params: "galleryImage" },
  setGalleryReplicas: { method: "POST", path: `${GALLERY}/images/:image/versions/:version/replicas`, params: "galleryImageVersion" },
  pools: { method: "GET", path: `${A}/pools`, params: "account" },
  createPool: { method: "POST", path: `${A}/pools`, params: "account" },
  pool: { method: "GET", path: POOL, params: "pool" },
  deletePool: { method: "DELETE", path: POOL, params: "pool" },
  resizePool: { method: "POST", path: `${POOL}/resize`, params: "pool" },
  setPoolStartTask: { method: "PUT", path: `${POOL}/start-task`, params: "pool" },
  poolSpec: { method: "GET", path: `${POOL}/spec`, params: "pool" },
  nodes: { method: "GET", path: `${POOL}/nodes`, params: "pool" },
  node: { method: "GET", path: NODE, params: "node" },
  rebootNode: { method: "POST", path: `${NODE}/reboot`, params: "node" },
  nodeFiles: { method: "GET", path: `${NODE}/files`, params: "node" },
  nodeFileContent: { method: "GET", path: `${NODE}/files/content`, params: "node" },
  nodeFileFollow: { method: "GET", path: `${NODE}/files/follow`, params: "node" },
  nodeFileSearch: { method: "GET", path: `${NODE}/files/search`, params: "node" },
  nodeFileDownloadTicket: { method: "POST", path: `${NODE}/files/download-ticket`, params: "node" },
  nodeFileTicketDownload: { method: "GET", path: `${NODE}/files/ticket-download`, params: "node" },
  jobs: { method: "GET", path: `${A}/jobs`, params: "account" },
  createJob: { method: "POST", path: `${A}/jobs`, params: "account" },
  job: { method: "GET", path: JOB, params: "job" },
  jobSpec: { method: "GET", path: `${JOB}/spec`, params: "job" },
  updateJob: { method: "PATCH", path: JOB, params: "job" },
  terminateJob: { method: "POST", path: `${JOB}/terminate`, params: "job" },
  deleteJob: { method: "DELETE", path: JOB, params: "job" },
  disableJob: { method: "POST", path: `${JOB}/disable`, params: "job" },
  enableJob: { method: "POST", path: `${JOB}/enable`, params: "job" },
  jobNodeTaskStatus: { method: "GET", path: `${JOB}/preparation-release-status`, params: "job" },
  taskCounts: { method: "GET", path: `${JOB}/task-counts`, params: "job" },
  jobSchedules: { method: "GET", path: `${A}/job-schedules`, params: "account" },
  createJobSchedule: { method: "POST", path: `${A}/job-schedules`, params: "account" },
  jobSchedule: { method: "GET", path: SCHEDULE, params: "jobSchedule" },
  jobScheduleSpec: { method: "GET", path: `${SCHEDULE}/spec`, params: "jobSchedule" },
  updateJobSchedule: { method: "PATCH", path: SCHEDULE, params: "jobSchedule" },
  disableJobSchedule: { method: "POST", path: `${SCHEDULE}/disable`, params: "jobSchedule" },
  enableJobSchedule: { method: "POST", path: `${SCHEDULE}/enable`, params: "jobSchedule" },
  terminateJobSchedule: { method: "POST", path: `${SCHEDULE}/terminate`, params: "jobSchedule" },
  deleteJobSchedule: { method: "DELETE", path: SCHEDULE, params: "jobSchedule" },
  jobScheduleJobs: { method: "GET", path: `${SCHEDULE}/jobs`, params: "jobSchedule" },
  tasks: { method: "GET", path: `${JOB}/tasks`, params: "job" },
  addTask: { method: "POST", path: `${JOB}/tasks`, params: "job" },
  task: { method: "GET", path: TASK, params: "task" },
  taskSpec: { method: "GET", path: `${TASK}/spec`, params: "task" },
  addTasks: { method: "POST", path: `${JOB}/tasks/collection`, params: "job" },
  deleteTask: { method: "DELETE", path: TASK, params: "task" },
  terminateTask: { method: "POST", path: `${TASK}/terminate`, params: "task" },
  reactivateTask: { method: "POST", path: `${TASK}/reactivate`, params: "task" },
  taskFiles: { method: "GET", path: `${TASK}/files`, params: "task" },
  taskFileContent: { method: "GET", path: `${TASK}/files/content`, params: "task" },
  taskFileFollow: { method: "GET", path: `${TASK}/files/follow`, params: "task" },
  taskFileSearch: { method: "GET", path: `${TASK}/files/search`, params: "task" },
  taskFileDownloadTicket: { method: "POST", path: `${TASK}/files/download-ticket`, params: "task" },
  taskFileTicketDownload: { method: "GET", path: `${TASK}/files/ticket-download`, params: "task" },
  taskSavedOutputs: { method: "GET", path: `${TASK}/saved-outputs`, params: "task" },
  taskSavedOutputFileContent: { method: "GET", path: `${TASK}/saved-outputs/content`, params: "task" },
  taskSavedOutputFileSearch: { method: "GET", path: `${TASK}/saved-outputs/search`, params: "task" },
  taskSavedOutputFileDownloadTicket: { method: "POST", path: `${TASK}/saved-outputs/download-ticket`, params: "task" },
  taskSavedOutputFileTicketDownload: { method: "GET", path: `${TASK}/saved-outputs/ticket-download`, params: "task" },
  validatePool: { method: "POST", path: `${A}/validate/pool`, params: "account" },
  validateTask: { method: "POST", path: `${A}/validate/task`, params: "account" },
  validateJobSchedule: { method: "POST", path: `${A}/validate/job-schedule`, params: "account" },
  registryTest: { method: "POST", path: "/api/registry/test", params: "none" },
  registryInspect: { method: "POST", path: "/api/registry/inspect", params: "none" },
} as const satisfies Record<string, RoutePath>;

export type ApiRouteName = keyof typeof apiRoutePaths;

/** Every route's name (Object.keys cannot know the keys are exactly these). */
export const apiRouteNames = Object.keys(apiRoutePaths) as ApiRouteName[];
