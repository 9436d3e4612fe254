import { z } from "zod";
import { JobSpec, TaskSpec } from "../task-spec";
import { PoolSpec } from "../pool-spec";
import { AccountsResponse, Me } from "./accounts";
import { GalleryImageDefinitionInfo, GalleryImageVersionInfo, GalleryInfo, listOf, SupportedImage, VmSizesResponse } from "./catalog";
import { FileContentQuery, FileDownloadQuery, FileFollowQuery, FileListQuery, NodeFile } from "./files";
import { JobSummary, TaskCounts, TaskDetails, TaskListQuery, TaskSummary, TerminateRequest } from "./jobs";
import { pageOf } from "./page";
import { NodeDetails, NodeSummary, PoolDetails, PoolSpecResponse, PoolSummary, ResizePoolRequest } from "./pools";
import { EmulatorNote, HealthResponse, RuntimeConfig } from "./system";
import {
  ImageInspection,
  ImageInspectRequest,
  RegistryTestRequest,
  RegistryTestResult,
  ValidateTaskRequest,
  ValidationResponse,
} from "./validation";

export type HttpMethod = "GET" | "POST" | "DELETE";

/** What a route answers on success: a JSON schema, a byte stream, an SSE stream, or nothing (204/202). */
export type RouteResponse = z.ZodType | "bytes" | "event-stream" | "empty";

export interface ApiRoute {
  method: HttpMethod;
  /** Express-style pattern under the origin, e.g. "/api/accounts/:account/pools/:pool". */
  path: string;
  summary: string;
  tag: string;
  /** false only for the few public routes (health, OpenAPI). */
  auth: boolean;
  status: number;
  query?: z.ZodType;
  body?: z.ZodType;
  response: RouteResponse;
}

const A = "/api/accounts/:account";
const POOL = `${A}/pools/:pool`;
const NODE = `${POOL}/nodes/:node`;
const JOB = `${A}/jobs/:job`;
const TASK = `${JOB}/tasks/:task`;
const GALLERY = "/api/subscriptions/:subscription/galleries/:resourceGroup/:gallery";

const route = (r: Omit<ApiRoute, "auth" | "status"> & Partial<Pick<ApiRoute, "auth" | "status">>): ApiRoute => ({
  auth: true,
  status: 200,
  ...r,
});

const fileRoutes = (base: string, tag: string, what: string) => ({
  files: route({ method: "GET", path: `${base}/files`, tag, summary: `List the ${what}'s files`, query: FileListQuery, response: listOf(NodeFile) }),
  fileContent: route({
    method: "GET",
    path: `${base}/files/content`,
    tag,
    summary: `Read a byte range of one of the ${what}'s files (206 + Content-Range when ranged; x-file-size always)`,
    query: FileContentQuery,
    response: "bytes",
  }),
  fileFollow: route({
    method: "GET",
    path: `${base}/files/follow`,
    tag,
    summary: `Follow one of the ${what}'s files as Server-Sent Events (data, status, end)`,
    query: FileFollowQuery,
    response: "event-stream",
  }),
  fileDownload: route({
    method: "GET",
    path: `${base}/files/download`,
    tag,
    summary: `Download one of the ${what}'s files (streamed, Content-Disposition: attachment)`,
    query: FileDownloadQuery,
    response: "bytes",
  }),
});

const nodeFiles = fileRoutes(NODE, "nodes", "node");
const taskFiles = fileRoutes(TASK, "tasks", "task");

/**
 * Every route of the portal's HTTP API: the BFF mounts handlers by these keys, generates
 * /api/openapi.json from them, and its auth tests walk them all. The SPA builds URLs with apiPaths.
 */
export const apiRoutes = {
  health: route({ method: "GET", path: "/api/health", tag: "system", summary: "Liveness", auth: false, response: HealthResponse }),
  openapi: route({ method: "GET", path: "/api/openapi.json", tag: "system", summary: "This API as OpenAPI 3.1", auth: false, response: z.record(z.string(), z.unknown()) }),
  config: route({ method: "GET", path: "/api/config", tag: "system", summary: "What the SPA needs to sign in (public values only)", auth: false, response: RuntimeConfig }),
  emulator: route({ method: "GET", path: "/api/emulator", tag: "system", summary: "Runtime note when the backend is the local emulator (404 otherwise)", response: EmulatorNote }),
  me: route({ method: "GET", path: "/api/me", tag: "system", summary: "The signed-in operator", response: Me }),

  accounts: route({ method: "GET", path: "/api/accounts", tag: "accounts", summary: "Batch accounts grouped by subscription", response: AccountsResponse }),
  catalogImages: route({ method: "GET", path: `${A}/catalog/images`, tag: "catalog", summary: "Marketplace images the account supports", response: listOf(SupportedImage) }),
  catalogVmSizes: route({ method: "GET", path: `${A}/catalog/vm-sizes`, tag: "catalog", summary: "VM sizes in the account's region with per-family quota", response: VmSizesResponse }),
  galleries: route({ method: "GET", path: "/api/subscriptions/:subscription/galleries", tag: "catalog", summary: "Compute galleries in a subscription", response: listOf(GalleryInfo) }),
  galleryImages: route({ method: "GET", path: `${GALLERY}/images`, tag: "catalog", summary: "Image definitions of a gallery", response: listOf(GalleryImageDefinitionInfo) }),
  galleryImageVersions: route({ method: "GET", path: `${GALLERY}/images/:image/versions`, tag: "catalog", summary: "Versions of an image definition with replication", response: listOf(GalleryImageVersionInfo) }),

  pools: route({ method: "GET", path: `${A}/pools`, tag: "pools", summary: "List pools", response: listOf(PoolSummary) }),
  createPool: route({ method: "POST", path: `${A}/pools`, tag: "pools", summary: "Create a pool from a PoolSpec (400 lists every issue)", status: 201, body: PoolSpec, response: PoolDetails }),
  pool: route({ method: "GET", path: POOL, tag: "pools", summary: "Get a pool", response: PoolDetails }),
  deletePool: route({ method: "DELETE", path: POOL, tag: "pools", summary: "Delete a pool", status: 202, response: "empty" }),
  resizePool: route({ method: "POST", path: `${POOL}/resize`, tag: "pools", summary: "Resize a pool", status: 202, body: ResizePoolRequest, response: "empty" }),
  poolSpec: route({ method: "GET", path: `${POOL}/spec`, tag: "pools", summary: "The pool as a PoolSpec, for cloning (no passwords)", response: PoolSpecResponse }),
  nodes: route({ method: "GET", path: `${POOL}/nodes`, tag: "nodes", summary: "List a pool's nodes", response: listOf(NodeSummary) }),
  node: route({ method: "GET", path: NODE, tag: "nodes", summary: "Get a node", response: NodeDetails }),
  rebootNode: route({ method: "POST", path: `${NODE}/reboot`, tag: "nodes", summary: "Reboot a node", status: 202, response: "empty" }),
  nodeFiles: nodeFiles.files,
  nodeFileContent: nodeFiles.fileContent,
  nodeFileFollow: nodeFiles.fileFollow,
  nodeFileDownload: nodeFiles.fileDownload,

  jobs: route({ method: "GET", path: `${A}/jobs`, tag: "jobs", summary: "List jobs", response: listOf(JobSummary) }),
  createJob: route({ method: "POST", path: `${A}/jobs`, tag: "jobs", summary: "Create a job", status: 201, body: JobSpec, response: JobSummary }),
  job: route({ method: "GET", path: JOB, tag: "jobs", summary: "Get a job", response: JobSummary }),
  terminateJob: route({ method: "POST", path: `${JOB}/terminate`, tag: "jobs", summary: "Terminate a job", status: 202, body: TerminateRequest, response: "empty" }),
  deleteJob: route({ method: "DELETE", path: JOB, tag: "jobs", summary: "Delete a job", status: 202, response: "empty" }),
  taskCounts: route({ method: "GET", path: `${JOB}/task-counts`, tag: "jobs", summary: "Task and slot counts of a job", response: TaskCounts }),

  tasks: route({ method: "GET", path: `${JOB}/tasks`, tag: "tasks", summary: "List tasks (server-side filters, cursor paging)", query: TaskListQuery, response: pageOf(TaskSummary) }),
  addTask: route({ method: "POST", path: `${JOB}/tasks`, tag: "tasks", summary: "Add a task from a TaskSpec (400 lists every issue)", status: 201, body: TaskSpec, response: TaskDetails }),
  task: route({ method: "GET", path: TASK, tag: "tasks", summary: "Get a task", response: TaskDetails }),
  deleteTask: route({ method: "DELETE", path: TASK, tag: "tasks", summary: "Delete a task", status: 204, response: "empty" }),
  terminateTask: route({ method: "POST", path: `${TASK}/terminate`, tag: "tasks", summary: "Terminate a task", status: 204, response: "empty" }),
  taskFiles: taskFiles.files,
  taskFileContent: taskFiles.fileContent,
  taskFileFollow: taskFiles.fileFollow,
  taskFileDownload: taskFiles.fileDownload,

  validatePool: route({ method: "POST", path: `${A}/validate/pool`, tag: "validation", summary: "Async checks of a PoolSpec", body: PoolSpec, response: ValidationResponse }),
  validateTask: route({ method: "POST", path: `${A}/validate/task`, tag: "validation", summary: "Async checks of a TaskSpec for a job", body: ValidateTaskRequest, response: ValidationResponse }),
  registryTest: route({ method: "POST", path: "/api/registry/test", tag: "validation", summary: "Log in to a registry (GET /v2/)", body: RegistryTestRequest, response: RegistryTestResult }),
  registryInspect: route({ method: "POST", path: "/api/registry/inspect", tag: "validation", summary: "Resolve an image and read its ENTRYPOINT, CMD and WORKDIR", body: ImageInspectRequest, response: ImageInspection }),
} satisfies Record<string, ApiRoute>;

export type ApiRouteName = keyof typeof apiRoutes;
