/**
 * Method and URL pattern of every portal API route, without schemas: the SPA's URL builders
 * (paths.ts) need only this table, so zod and the validation rules stay off its first route.
 * routes.ts adds summaries and schemas to the same names (one source of truth for paths).
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface RoutePath {
  method: HttpMethod;
  /** Express-style pattern under the origin, e.g. "/api/accounts/:account/pools/:pool". */
  path: string;
}

const A = "/api/accounts/:account";
const POOL = `${A}/pools/:pool`;
const NODE = `${POOL}/nodes/:node`;
const JOB = `${A}/jobs/:job`;
const TASK = `${JOB}/tasks/:task`;
const GALLERY = "/api/subscriptions/:subscription/galleries/:resourceGroup/:gallery";

export const apiRoutePaths = {
  health: { method: "GET", path: "/api/health" },
  openapi: { method: "GET", path: "/api/openapi.json" },
  config: { method: "GET", path: "/api/config" },
  emulator: { method: "GET", path: "/api/emulator" },
  me: { method: "GET", path: "/api/me" },
  accounts: { method: "GET", path: "/api/accounts" },
  catalogImages: { method: "GET", path: `${A}/catalog/images` },
  catalogVmSizes: { method: "GET", path: `${A}/catalog/vm-sizes` },
  galleries: { method: "GET", path: "/api/subscriptions/:subscription/galleries" },
  galleryImages: { method: "GET", path: `${GALLERY}/images` },
  galleryImageVersions: { method: "GET", path: `${GALLERY}/images/:image/versions` },
  setGalleryReplicas: { method: "POST", path: `${GALLERY}/images/:image/versions/:version/replicas` },
  pools: { method: "GET", path: `${A}/pools` },
  createPool: { method: "POST", path: `${A}/pools` },
  pool: { method: "GET", path: POOL },
  deletePool: { method: "DELETE", path: POOL },
  resizePool: { method: "POST", path: `${POOL}/resize` },
  setPoolStartTask: { method: "PUT", path: `${POOL}/start-task` },
  poolSpec: { method: "GET", path: `${POOL}/spec` },
  nodes: { method: "GET", path: `${POOL}/nodes` },
  node: { method: "GET", path: NODE },
  rebootNode: { method: "POST", path: `${NODE}/reboot` },
  nodeFiles: { method: "GET", path: `${NODE}/files` },
  nodeFileContent: { method: "GET", path: `${NODE}/files/content` },
  nodeFileFollow: { method: "GET", path: `${NODE}/files/follow` },
  nodeFileSearch: { method: "GET", path: `${NODE}/files/search` },
  nodeFileDownload: { method: "GET", path: `${NODE}/files/download` },
  nodeFileDownloadTicket: { method: "POST", path: `${NODE}/files/download-ticket` },
  nodeFileTicketDownload: { method: "GET", path: `${NODE}/files/ticket-download` },
  jobs: { method: "GET", path: `${A}/jobs` },
  createJob: { method: "POST", path: `${A}/jobs` },
  job: { method: "GET", path: JOB },
  terminateJob: { method: "POST", path: `${JOB}/terminate` },
  deleteJob: { method: "DELETE", path: JOB },
  taskCounts: { method: "GET", path: `${JOB}/task-counts` },
  tasks: { method: "GET", path: `${JOB}/tasks` },
  addTask: { method: "POST", path: `${JOB}/tasks` },
  task: { method: "GET", path: TASK },
  deleteTask: { method: "DELETE", path: TASK },
  terminateTask: { method: "POST", path: `${TASK}/terminate` },
  taskFiles: { method: "GET", path: `${TASK}/files` },
  taskFileContent: { method: "GET", path: `${TASK}/files/content` },
  taskFileFollow: { method: "GET", path: `${TASK}/files/follow` },
  taskFileSearch: { method: "GET", path: `${TASK}/files/search` },
  taskFileDownload: { method: "GET", path: `${TASK}/files/download` },
  taskFileDownloadTicket: { method: "POST", path: `${TASK}/files/download-ticket` },
  taskFileTicketDownload: { method: "GET", path: `${TASK}/files/ticket-download` },
  validatePool: { method: "POST", path: `${A}/validate/pool` },
  validateTask: { method: "POST", path: `${A}/validate/task` },
  registryTest: { method: "POST", path: "/api/registry/test" },
  registryInspect: { method: "POST", path: "/api/registry/inspect" },
} as const satisfies Record<string, RoutePath>;

export type ApiRouteName = keyof typeof apiRoutePaths;
