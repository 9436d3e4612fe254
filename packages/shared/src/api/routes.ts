import { z } from "zod";
import { JobSpec, TaskSpec } from "../task-spec";
import { PoolSpec } from "../pool-spec";
import { JobSchedulePatch, JobScheduleSpec } from "../job-schedule-spec";
import { JobScheduleSpecResponse, JobScheduleSummary } from "./job-schedules";
import { AccountsResponse, Me, PermissionsResponse } from "./accounts";
import { ApplicationsResponse } from "./applications";
import { GalleryImageDefinitionInfo, GalleryImageVersionInfo, GalleryInfo, listOf, SetGalleryReplicasRequest, SupportedImage, VmSizesResponse } from "./catalog";
import { DownloadTicket, FileContentQuery, FileDownloadQuery, FileFollowQuery, FileListQuery, FileSearchQuery, FileSearchResult, FileTicketDownloadQuery, NodeFile } from "./files";
import { AddTasksRequest, AddTasksResponse, DisableJobRequest, JobNodeTaskStatus, JobPatch, JobSpecResponse, JobSummary, TaskCounts, TaskDetails, TaskListQuery, TaskSpecResponse, TaskSummary, TerminateRequest } from "./jobs";
import { pageOf } from "./page";
import { SavedOutputsResponse } from "./saved-outputs";
import { routeParams } from "./path-params";
import { apiRoutePaths, type ApiRouteName, type RoutePath } from "./route-paths";
import { NodeDetails, NodeSummary, PoolDetails, PoolSpecResponse, PoolSummary, ResizePoolRequest, SetStartTaskRequest } from "./pools";
import { EmulatorNote, HealthResponse, RuntimeConfig } from "./system";
import {
  ImageInspection,
  ImageInspectRequest,
  RegistryTestRequest,
  RegistryTestResult,
  SpecDraft,
  ValidateTaskRequest,
  ValidationResponse,
} from "./validation";


/** What a route answers on success: a JSON schema, a byte stream, an SSE stream, or nothing (204/202). */
export type RouteResponse = z.ZodType | "bytes" | "event-stream" | "empty";

export interface ApiRoute extends RoutePath {
  summary: string;
  tag: string;
  /** Bearer token required. false for the few public routes (health, OpenAPI) and the ticket downloads. */
  auth: boolean;
  /**
   * Authorised by a single-use download ticket in the query instead of a bearer token: a plain
   * link (which cannot carry an Authorization header) lets the browser stream a file to disk.
   */
  ticket?: true;
  status: number;
  /** The path parameters' grammar (path-params.ts, by the route's level), checked before the handler runs. */
  paramSchema: z.ZodType<Record<string, string>>;
  query?: z.ZodType;
  body?: z.ZodType;
  response: RouteResponse;
}

type RouteDetails = Omit<ApiRoute, keyof RoutePath | "paramSchema" | "auth" | "status"> & Partial<Pick<ApiRoute, "auth" | "status">>;

/**
 * One route of the table. It keeps the literal types of what it is given (schemas, status, auth),
 * so the BFF's handlers and the SPA's client are typed from the route itself.
 */
type Paths = typeof apiRoutePaths;

const ROUTE_DEFAULTS = { auth: true, status: 200 } as const;

/** A route's type: its path entry, its parameter grammar, the defaults it does not override, its details. */
type RouteOf<N extends ApiRouteName, D extends RouteDetails> = Paths[N] & {
  paramSchema: (typeof routeParams)[Paths[N]["params"]];
} & Omit<typeof ROUTE_DEFAULTS, keyof D> &
  D;

/**
 * One route of the table. The signature keeps the literal types of what it is given (schemas,
 * status, auth, the path's own parameter grammar), so the BFF's handlers and the SPA's client are
 * typed from the route itself; the body is checked against the broad ApiRoute.
 */
function route<N extends ApiRouteName, const D extends RouteDetails>(name: N, d: D): RouteOf<N, D>;
function route(name: ApiRouteName, d: RouteDetails): ApiRoute {
  const path = apiRoutePaths[name];
  return { ...path, paramSchema: routeParams[path.params], ...ROUTE_DEFAULTS, ...d };
}

/**
 * Reading one file of a source by `path`: the same four routes for task files, node files and
 * saved outputs. A whole file is downloaded through a single-use ticket (a browser link cannot
 * carry the bearer token); the content route reads any range of it with the token.
 */
const fileReadRoutes = <P extends "node" | "task" | "taskSavedOutput">(prefix: P, tag: string, files: string) => ({
  fileContent: route(`${prefix}FileContent`, {
    tag,
    summary: `Read a byte range of one of ${files} (206 + Content-Range when ranged; x-file-size always)`,
    query: FileContentQuery,
    response: "bytes",
  }),
  fileSearch: route(`${prefix}FileSearch`, {
    tag,
    summary: `Find text in one of ${files} of any size, scanned by the BFF in bounded steps (complete: false → ask again from where it stopped)`,
    query: FileSearchQuery,
    response: FileSearchResult,
  }),
  fileDownloadTicket: route(`${prefix}FileDownloadTicket`, {
    tag,
    summary: `Mint a short-lived, single-use link that downloads one of ${files} without a bearer token`,
    query: FileDownloadQuery,
    response: DownloadTicket,
  }),
  fileTicketDownload: route(`${prefix}FileTicketDownload`, {
    tag,
    summary: `Download one of ${files} with a ticket from ${prefix}FileDownloadTicket (the kind of route authorised by a ticket instead of a bearer token; streamed, Content-Disposition: attachment)`,
    auth: false,
    ticket: true,
    query: FileTicketDownloadQuery,
    response: "bytes",
  }),
});

/** A node's or a task's own files: listed and followed while they are written, and read as above. */
const fileRoutes = <P extends "node" | "task">(prefix: P, tag: string, what: string) => ({
  files: route(`${prefix}Files`, { tag, summary: `List the ${what}'s files`, query: FileListQuery, response: listOf(NodeFile) }),
  fileFollow: route(`${prefix}FileFollow`, {
    tag,
    summary: `Follow one of the ${what}'s files as Server-Sent Events (data, status, end)`,
    query: FileFollowQuery,
    response: "event-stream",
  }),
  ...fileReadRoutes(prefix, tag, `the ${what}'s files`),
});

const nodeFiles = fileRoutes("node", "nodes", "node");
const taskFiles = fileRoutes("task", "tasks", "task");
/** Saved outputs are blobs written once: read, searched and downloaded, never followed. */
const savedOutputFiles = fileReadRoutes("taskSavedOutput", "tasks", "the task's saved outputs (path: the output file's index / the blob's name)");

/**
 * Every route of the portal's HTTP API: the BFF mounts handlers by these keys, generates
 * /api/openapi.json from them, and its auth tests walk them all. The SPA calls them by name (apiUrl, and callRoute in apps/web).
 */
export const apiRoutes = {
  health: route("health", { tag: "system", summary: "Liveness", auth: false, response: HealthResponse }),
  openapi: route("openapi", { tag: "system", summary: "This API as OpenAPI 3.1", auth: false, response: z.record(z.string(), z.unknown()) }),
  config: route("config", { tag: "system", summary: "What the SPA needs to sign in (public values only)", auth: false, response: RuntimeConfig }),
  emulator: route("emulator", { tag: "system", summary: "Runtime note when the backend is the local emulator (404 otherwise)", response: EmulatorNote }),
  me: route("me", { tag: "system", summary: "The signed-in operator", response: Me }),

  accounts: route("accounts", { tag: "accounts", summary: "Batch accounts grouped by subscription", response: AccountsResponse }),
  permissions: route("permissions", {
    tag: "accounts",
    summary: "What the signed-in user may do on the account: Azure's Microsoft.Authorization/permissions blocks at its resource id",
    response: PermissionsResponse,
  }),
  catalogImages: route("catalogImages", { tag: "catalog", summary: "Marketplace images the account supports", response: listOf(SupportedImage) }),
  catalogVmSizes: route("catalogVmSizes", { tag: "catalog", summary: "VM sizes in the account's region with per-family quota", response: VmSizesResponse }),
  applications: route("applications", {
    tag: "catalog",
    summary:
      "The account's applications with their activated package versions and, when ARM answers, their default version (null: none), for application package references",
    response: ApplicationsResponse,
  }),
  galleries: route("galleries", { tag: "catalog", summary: "Compute galleries in a subscription", response: listOf(GalleryInfo) }),
  galleryImages: route("galleryImages", { tag: "catalog", summary: "Image definitions of a gallery", response: listOf(GalleryImageDefinitionInfo) }),
  galleryImageVersions: route("galleryImageVersions", { tag: "catalog", summary: "Versions of an image definition with replication", response: listOf(GalleryImageVersionInfo) }),
  setGalleryReplicas: route("setGalleryReplicas", {
    tag: "catalog",
    summary: "Set one region's replica count of a gallery image version in Azure (other regions kept); answers the version, state \"Updating\" while Azure still replicates",
    body: SetGalleryReplicasRequest,
    response: GalleryImageVersionInfo,
  }),

  pools: route("pools", { tag: "pools", summary: "List pools", response: listOf(PoolSummary) }),
  createPool: route("createPool", { tag: "pools", summary: "Create a pool from a PoolSpec (400 lists every issue)", status: 201, body: PoolSpec, response: PoolDetails }),
  pool: route("pool", { tag: "pools", summary: "Get a pool", response: PoolDetails }),
  deletePool: route("deletePool", { tag: "pools", summary: "Delete a pool", status: 202, response: "empty" }),
  resizePool: route("resizePool", { tag: "pools", summary: "Resize a pool", status: 202, body: ResizePoolRequest, response: "empty" }),
  setPoolStartTask: route("setPoolStartTask", {
    tag: "pools",
    summary:
      "Replace an existing pool's start task (Batch PATCH; other pool properties unchanged; 400 lists every issue). Nodes run it when they join, reboot or are reimaged. Removing a start task is not offered.",
    body: SetStartTaskRequest,
    response: PoolDetails,
  }),
  poolSpec: route("poolSpec", { tag: "pools", summary: "The pool as a PoolSpec, for cloning (no passwords)", response: PoolSpecResponse }),
  nodes: route("nodes", { tag: "nodes", summary: "List a pool's nodes", response: listOf(NodeSummary) }),
  node: route("node", { tag: "nodes", summary: "Get a node", response: NodeDetails }),
  rebootNode: route("rebootNode", { tag: "nodes", summary: "Reboot a node", status: 202, response: "empty" }),
  nodeFiles: nodeFiles.files,
  nodeFileContent: nodeFiles.fileContent,
  nodeFileFollow: nodeFiles.fileFollow,
  nodeFileSearch: nodeFiles.fileSearch,
  nodeFileDownloadTicket: nodeFiles.fileDownloadTicket,
  nodeFileTicketDownload: nodeFiles.fileTicketDownload,

  jobs: route("jobs", { tag: "jobs", summary: "List jobs", response: listOf(JobSummary) }),
  createJob: route("createJob", { tag: "jobs", summary: "Create a job", status: 201, body: JobSpec, response: JobSummary }),
  job: route("job", { tag: "jobs", summary: "Get a job", response: JobSummary }),
  jobSpec: route("jobSpec", { tag: "jobs", summary: "A job as the spec to edit or clone it from, with its eTag (SAS signatures removed)", response: JobSpecResponse }),
  updateJob: route("updateJob", {
    tag: "jobs",
    summary: "Change what Batch allows on a job (priority, parallelism, constraints, completion, metadata, pool while disabled); 412 if it changed since eTag",
    body: JobPatch,
    response: JobSummary,
  }),
  terminateJob: route("terminateJob", { tag: "jobs", summary: "Terminate a job", status: 202, body: TerminateRequest, response: "empty" }),
  deleteJob: route("deleteJob", { tag: "jobs", summary: "Delete a job", status: 202, response: "empty" }),
  disableJob: route("disableJob", {
    tag: "jobs",
    summary: "Disable an active job: no new task starts; running tasks are requeued, terminated or left to finish (disableTasks)",
    status: 202,
    body: DisableJobRequest,
    response: "empty",
  }),
  enableJob: route("enableJob", { tag: "jobs", summary: "Enable a disabled job: its tasks are scheduled again", status: 202, response: "empty" }),
  jobNodeTaskStatus: route("jobNodeTaskStatus", {
    tag: "jobs",
    summary: "Per node, how the job's preparation and release tasks ran (409 when the job has neither)",
    response: listOf(JobNodeTaskStatus),
  }),
  taskCounts: route("taskCounts", { tag: "jobs", summary: "Task and slot counts of a job", response: TaskCounts }),

  jobSchedules: route("jobSchedules", { tag: "job schedules", summary: "List job schedules", response: listOf(JobScheduleSummary) }),
  createJobSchedule: route("createJobSchedule", {
    tag: "job schedules",
    summary: "Create a job schedule from a JobScheduleSpec (400 lists every issue, the job specification's under jobSpecification)",
    status: 201,
    body: JobScheduleSpec,
    response: JobScheduleSummary,
  }),
  jobSchedule: route("jobSchedule", { tag: "job schedules", summary: "Get a job schedule", response: JobScheduleSummary }),
  jobScheduleSpec: route("jobScheduleSpec", { tag: "job schedules", summary: "The job schedule as a JobScheduleSpec, for editing or cloning (no passwords)", response: JobScheduleSpecResponse }),
  updateJobSchedule: route("updateJobSchedule", {
    tag: "job schedules",
    summary: "Change a job schedule's schedule, job specification or metadata (Batch PATCH: what is given replaces, the rest stays; checked as create is). Jobs already created keep their settings.",
    body: JobSchedulePatch,
    response: JobScheduleSummary,
  }),
  disableJobSchedule: route("disableJobSchedule", { tag: "job schedules", summary: "Disable a job schedule (no new jobs until enabled)", status: 204, response: "empty" }),
  enableJobSchedule: route("enableJobSchedule", { tag: "job schedules", summary: "Enable a disabled job schedule", status: 204, response: "empty" }),
  terminateJobSchedule: route("terminateJobSchedule", { tag: "job schedules", summary: "Terminate a job schedule (its open job is terminated too)", status: 202, response: "empty" }),
  deleteJobSchedule: route("deleteJobSchedule", { tag: "job schedules", summary: "Delete a job schedule and the jobs it created", status: 202, response: "empty" }),
  jobScheduleJobs: route("jobScheduleJobs", { tag: "job schedules", summary: "List the jobs a job schedule created", response: listOf(JobSummary) }),

  tasks: route("tasks", { tag: "tasks", summary: "List tasks (server-side filters, cursor paging)", query: TaskListQuery, response: pageOf(TaskSummary) }),
  addTasks: route("addTasks", {
    tag: "tasks",
    summary: "Add up to 100 tasks in one request (Batch's task collection; a sweep sends several); 400 lists every issue under tasks.N, else each task's outcome",
    body: AddTasksRequest,
    response: AddTasksResponse,
  }),
  addTask: route("addTask", { tag: "tasks", summary: "Add a task from a TaskSpec (400 lists every issue)", status: 201, body: TaskSpec, response: TaskDetails }),
  task: route("task", { tag: "tasks", summary: "Get a task", response: TaskDetails }),
  taskSpec: route("taskSpec", { tag: "tasks", summary: "A task as a TaskSpec, to add it again (registry passwords blank; 422 if Batch's task cannot be expressed)", response: TaskSpecResponse }),
  deleteTask: route("deleteTask", { tag: "tasks", summary: "Delete a task", status: 204, response: "empty" }),
  terminateTask: route("terminateTask", { tag: "tasks", summary: "Terminate a task", status: 204, response: "empty" }),
  reactivateTask: route("reactivateTask", {
    tag: "tasks",
    summary: "Reactivate a task that completed and failed: it runs again, its retry count reset (409 otherwise)",
    status: 204,
    response: "empty",
  }),
  taskFiles: taskFiles.files,
  taskFileContent: taskFiles.fileContent,
  taskFileFollow: taskFiles.fileFollow,
  taskFileSearch: taskFiles.fileSearch,
  taskFileDownloadTicket: taskFiles.fileDownloadTicket,
  taskFileTicketDownload: taskFiles.fileTicketDownload,
  taskSavedOutputs: route("taskSavedOutputs", {
    tag: "tasks",
    summary: "The task's output-file destinations and the blobs they hold, read from Storage (kept after the node is gone)",
    response: SavedOutputsResponse,
  }),
  taskSavedOutputFileContent: savedOutputFiles.fileContent,
  taskSavedOutputFileSearch: savedOutputFiles.fileSearch,
  taskSavedOutputFileDownloadTicket: savedOutputFiles.fileDownloadTicket,
  taskSavedOutputFileTicketDownload: savedOutputFiles.fileTicketDownload,

  validatePool: route("validatePool", { tag: "validation", summary: "Live checks of a PoolSpec, whole or in part", body: SpecDraft, response: ValidationResponse }),
  validateTask: route("validateTask", { tag: "validation", summary: "Live checks of a TaskSpec for a job, whole or in part", body: ValidateTaskRequest, response: ValidationResponse }),
  validateJobSchedule: route("validateJobSchedule", { tag: "validation", summary: "Async checks of a JobScheduleSpec (the job's pool looked up)", body: JobScheduleSpec, response: ValidationResponse }),
  registryTest: route("registryTest", { tag: "validation", summary: "Log in to a registry (GET /v2/)", body: RegistryTestRequest, response: RegistryTestResult }),
  registryInspect: route("registryInspect", { tag: "validation", summary: "Resolve an image and read its ENTRYPOINT, CMD and WORKDIR", body: ImageInspectRequest, response: ImageInspection }),
} satisfies Record<ApiRouteName, ApiRoute>;

/**
 * The table as [name, route] pairs with the broad ApiRoute type, for code that walks every route
 * (mounting, OpenAPI, tests). Object.entries cannot know the keys, hence the one assertion here.
 */
export const apiRouteEntries = Object.entries(apiRoutes) as [ApiRouteName, ApiRoute][];
