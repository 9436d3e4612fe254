import { apiRoutePaths, type ApiRouteName } from "./route-paths";
import type { RouteParams, RouteQuery } from "./route-types";

/** Fills an Express-style pattern's `:name` segments, URL-encoding each value. */
export const fillPath = (pattern: string, params: Record<string, string>): string =>
  pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter "${name}" for ${pattern}`);
    return encodeURIComponent(value);
  });

const withQuery = (path: string, query?: unknown): string => {
  if (typeof query !== "object" || query === null) return path;
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) search.set(k, String(v));
  const s = search.toString();
  return s === "" ? path : `${path}?${s}`;
};

/**
 * The URL of a route by its name, typed from the route table: `apiUrl("pool", { account, pool })`.
 * One name per route, the same the BFF mounts and the OpenAPI document lists.
 */
export const apiUrl = <N extends ApiRouteName>(name: N, params: RouteParams<N>, query?: RouteQuery<N>): string =>
  withQuery(fillPath(apiRoutePaths[name].path, params), query);

const p = (name: ApiRouteName, params: Record<string, string> = {}) => fillPath(apiRoutePaths[name].path, params);

type Query = Record<string, string | number | undefined>;

/** Query of the file search routes (shared's FileSearchQuery; spelled out here to keep zod off this module). */
type FileSearchParams = { path: string; q: string; from?: number; direction?: "forward" | "backward"; caseSensitive?: "true" | "false" };

/** URL builders for the SPA (and tests): apiPaths.pool(accountId, poolId) → "/api/accounts/…/pools/…". */
export const apiPaths = {
  health: () => p("health"),
  openapi: () => p("openapi"),
  config: () => p("config"),
  emulator: () => p("emulator"),
  me: () => p("me"),
  accounts: () => p("accounts"),
  catalogImages: (account: string) => p("catalogImages", { account }),
  catalogVmSizes: (account: string) => p("catalogVmSizes", { account }),
  galleries: (subscription: string) => p("galleries", { subscription }),
  galleryImages: (subscription: string, resourceGroup: string, gallery: string) =>
    p("galleryImages", { subscription, resourceGroup, gallery }),
  galleryImageVersions: (subscription: string, resourceGroup: string, gallery: string, image: string) =>
    p("galleryImageVersions", { subscription, resourceGroup, gallery, image }),
  setGalleryReplicas: (subscription: string, resourceGroup: string, gallery: string, image: string, version: string) =>
    p("setGalleryReplicas", { subscription, resourceGroup, gallery, image, version }),
  pools: (account: string) => p("pools", { account }),
  pool: (account: string, pool: string) => p("pool", { account, pool }),
  poolResize: (account: string, pool: string) => p("resizePool", { account, pool }),
  poolStartTask: (account: string, pool: string) => p("setPoolStartTask", { account, pool }),
  poolSpec: (account: string, pool: string) => p("poolSpec", { account, pool }),
  nodes: (account: string, pool: string) => p("nodes", { account, pool }),
  node: (account: string, pool: string, node: string) => p("node", { account, pool, node }),
  nodeReboot: (account: string, pool: string, node: string) => p("rebootNode", { account, pool, node }),
  nodeFiles: (account: string, pool: string, node: string, query?: { path?: string }) =>
    withQuery(p("nodeFiles", { account, pool, node }), query),
  nodeFileContent: (account: string, pool: string, node: string, query: { path: string; start?: number; end?: number; tail?: number }) =>
    withQuery(p("nodeFileContent", { account, pool, node }), query),
  nodeFileFollow: (account: string, pool: string, node: string, query: { path: string; from?: number }) =>
    withQuery(p("nodeFileFollow", { account, pool, node }), query),
  nodeFileSearch: (account: string, pool: string, node: string, query: FileSearchParams) =>
    withQuery(p("nodeFileSearch", { account, pool, node }), query),
  nodeFileDownload: (account: string, pool: string, node: string, query: { path: string }) =>
    withQuery(p("nodeFileDownload", { account, pool, node }), query),
  nodeFileDownloadTicket: (account: string, pool: string, node: string, query: { path: string }) =>
    withQuery(p("nodeFileDownloadTicket", { account, pool, node }), query),
  nodeFileTicketDownload: (account: string, pool: string, node: string, query: { path: string; ticket: string }) =>
    withQuery(p("nodeFileTicketDownload", { account, pool, node }), query),
  jobs: (account: string) => p("jobs", { account }),
  job: (account: string, job: string) => p("job", { account, job }),
  jobTerminate: (account: string, job: string) => p("terminateJob", { account, job }),
  taskCounts: (account: string, job: string) => p("taskCounts", { account, job }),
  jobSchedules: (account: string) => p("jobSchedules", { account }),
  jobSchedule: (account: string, jobSchedule: string) => p("jobSchedule", { account, jobSchedule }),
  jobScheduleSpec: (account: string, jobSchedule: string) => p("jobScheduleSpec", { account, jobSchedule }),
  jobScheduleDisable: (account: string, jobSchedule: string) => p("disableJobSchedule", { account, jobSchedule }),
  jobScheduleEnable: (account: string, jobSchedule: string) => p("enableJobSchedule", { account, jobSchedule }),
  jobScheduleTerminate: (account: string, jobSchedule: string) => p("terminateJobSchedule", { account, jobSchedule }),
  jobScheduleJobs: (account: string, jobSchedule: string) => p("jobScheduleJobs", { account, jobSchedule }),
  tasks: (account: string, job: string, query?: Query) => withQuery(p("tasks", { account, job }), query),
  task: (account: string, job: string, task: string) => p("task", { account, job, task }),
  taskTerminate: (account: string, job: string, task: string) => p("terminateTask", { account, job, task }),
  taskFiles: (account: string, job: string, task: string, query?: { path?: string }) =>
    withQuery(p("taskFiles", { account, job, task }), query),
  taskFileContent: (account: string, job: string, task: string, query: { path: string; start?: number; end?: number; tail?: number }) =>
    withQuery(p("taskFileContent", { account, job, task }), query),
  taskFileFollow: (account: string, job: string, task: string, query: { path: string; from?: number }) =>
    withQuery(p("taskFileFollow", { account, job, task }), query),
  taskFileSearch: (account: string, job: string, task: string, query: FileSearchParams) =>
    withQuery(p("taskFileSearch", { account, job, task }), query),
  taskFileDownload: (account: string, job: string, task: string, query: { path: string }) =>
    withQuery(p("taskFileDownload", { account, job, task }), query),
  taskFileDownloadTicket: (account: string, job: string, task: string, query: { path: string }) =>
    withQuery(p("taskFileDownloadTicket", { account, job, task }), query),
  taskFileTicketDownload: (account: string, job: string, task: string, query: { path: string; ticket: string }) =>
    withQuery(p("taskFileTicketDownload", { account, job, task }), query),
  validatePool: (account: string) => p("validatePool", { account }),
  validateTask: (account: string) => p("validateTask", { account }),
  validateJobSchedule: (account: string) => p("validateJobSchedule", { account }),
  registryTest: () => p("registryTest"),
  registryInspect: () => p("registryInspect"),
};
