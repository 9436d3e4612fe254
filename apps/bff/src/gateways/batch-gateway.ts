import { BatchServiceClient, type BatchServiceModels } from "@azure/batch";
import type { HttpClient } from "@azure/ms-rest-js";
import type { Readable } from "node:stream";
import {
  toJobAddParameter,
  toPoolAddParameter,
  toStartTask,
  toTaskAddParameter,
  type DisableJobTasks,
  type JobSpec,
  type JobScheduleSpec,
  type JobSchedulePatch,
  fromCloudJobSchedule,
  fromCloudTask,
  fromJobSpecification,
  type JobPatch,
  type JobSpecResponse,
  toJobScheduleAddParameter,
  toJobSpecification,
  toSchedule,
  type NodeFile,
  type Page,
  type PoolSpec,
  type StartTaskSpec,
  type TaskSpec,
  type TaskSummary,
  type ContainerUrlOf,
  type AddTaskResult,
} from "@batch-studio/shared";
import { problem } from "../http/problem";
import {
  POOL_SUMMARY_SELECT,
  toJobNodeTaskStatus,
  toJobSummary,
  toJobScheduleSummary,
  toNodeDetails,
  toNodeFile,
  toNodeSummary,
  toPoolDetails,
  toPoolSummary,
  toSupportedImage,
  toTaskCounts,
  toTaskDetails,
  toTaskSummary,
} from "./batch-mapping";

type Credentials = ConstructorParameters<typeof BatchServiceClient>[0];

/** Lists are followed page by page up to this many items: the portal shows, it doesn't export. */
const MAX_LIST_ITEMS = 10_000;

type Paged<T> = T[] & { odatanextLink?: string };

const drain = async <T>(first: Paged<T>, next: (link: string) => Promise<Paged<T>>): Promise<T[]> => {
  const items = [...first];
  let link = first.odatanextLink;
  while (link && items.length < MAX_LIST_ITEMS) {
    const page = await next(link);
    items.push(...page);
    link = page.odatanextLink;
  }
  return items;
};

export interface TaskListFilter {
  state?: string;
  exitCode?: number;
  exitCodeMin?: number;
  exitCodeMax?: number;
}

/** The OData $filter Batch evaluates server-side for the task list. */
export const taskFilter = (f: TaskListFilter): string | undefined => {
  const clauses: string[] = [];
  if (f.state !== undefined) clauses.push(`state eq '${f.state}'`);
  if (f.exitCode !== undefined) clauses.push(`executionInfo/exitCode eq ${f.exitCode}`);
  if (f.exitCodeMin !== undefined) clauses.push(`executionInfo/exitCode ge ${f.exitCodeMin}`);
  if (f.exitCodeMax !== undefined) clauses.push(`executionInfo/exitCode le ${f.exitCodeMax}`);
  return clauses.length > 0 ? clauses.join(" and ") : undefined;
};

/** The paging cursor is Batch's absolute nextLink, base64url-encoded (opaque to the SPA). */
export const encodeCursor = (nextLink: string): string => Buffer.from(nextLink, "utf8").toString("base64url");

/**
 * Decodes a cursor and checks it still points at this account's endpoint: a forged cursor must
 * never make the BFF send the operator's Batch token somewhere else.
 */
export const decodeCursor = (cursor: string, batchUrl: string): string => {
  let link: URL;
  try {
    link = new URL(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw problem(400, "invalid_cursor", "The paging cursor is not valid", {
      issues: [
        { path: ["cursor"], level: "error", code: "invalid_cursor", message: "not a cursor this API issued" },
      ],
    });
  }
  if (link.origin !== new URL(batchUrl).origin) {
    throw problem(400, "invalid_cursor", "The paging cursor is not valid", {
      issues: [
        {
          path: ["cursor"],
          level: "error",
          code: "invalid_cursor",
          message: "the cursor belongs to another account",
        },
      ],
    });
  }
  return link.toString();
};

export interface FileRange {
  start: number;
  /** Inclusive. */
  end: number;
}

export interface FileProperties {
  size: number;
  lastModified?: Date;
  contentType?: string;
  isDirectory: boolean;
}

export interface FileContent extends FileProperties {
  stream: Readable;
}

/** The files of one task or one node, behind one interface so the file routes serve both. */
export interface FileSource {
  list(prefix?: string): Promise<NodeFile[]>;
  properties(path: string): Promise<FileProperties>;
  read(path: string, range?: FileRange): Promise<FileContent>;
  /** For task files: the task's state (following ends when it is "completed"). */
  taskState?(): Promise<{ state: string; exitCode?: number }>;
}

const ocpRange = (range?: FileRange) => (range ? { ocpRange: `bytes=${range.start}-${range.end}` } : {});

const toProperties = (h: {
  contentLength?: number;
  lastModified?: Date;
  contentType?: string;
  ocpBatchFileIsdirectory?: boolean | string;
}): FileProperties => {
  const p: FileProperties = {
    size: Number(h.contentLength ?? 0),
    isDirectory: String(h.ocpBatchFileIsdirectory) === "true",
  };
  if (h.lastModified !== undefined) p.lastModified = h.lastModified;
  if (h.contentType !== undefined) p.contentType = h.contentType;
  return p;
};

const withStream = (
  res: { readableStreamBody?: NodeJS.ReadableStream } & Parameters<typeof toProperties>[0],
): FileContent => {
  if (!res.readableStreamBody) throw new Error("Batch returned no file body");
  return { ...toProperties(res), stream: res.readableStreamBody as Readable };
};

/** Folder filter for file lists: "wd" lists wd/ recursively; absent lists everything. */
const underPrefix = (prefix: string | undefined) => {
  const p = prefix?.replace(/^\/+|\/+$/g, "");
  return p ? `startswith(name, '${p.replace(/'/g, "''")}')` : undefined;
};

/**
 * Batch data-plane calls for one account and one operator, through @azure/batch 10.2.0. The
 * credential signs every request with the operator's Batch token (see downstream-credentials).
 */
export class BatchGateway {
  readonly client: BatchServiceClient;

  constructor(
    readonly batchUrl: string,
    credentials: Credentials,
    httpClient?: HttpClient,
  ) {
    // The SDK retries 5xx with a 30 s base backoff; the portal would rather answer and let the operator retry.
    this.client = new BatchServiceClient(credentials, batchUrl, {
      noRetryPolicy: true,
      ...(httpClient ? { httpClient } : {}),
    });
  }

  // Pools and nodes

  async listPools() {
    const c = this.client.pool;
    const first = await c.list({ poolListOptions: { select: POOL_SUMMARY_SELECT } });
    return (await drain(first, (l) => c.listNext(l))).map(toPoolSummary);
  }

  /** For quota arithmetic: every pool's size and node targets. */
  async listPoolSizes() {
    const c = this.client.pool;
    const first = await c.list({
      poolListOptions: {
        select:
          "id,vmSize,targetDedicatedNodes,targetLowPriorityNodes,currentDedicatedNodes,currentLowPriorityNodes",
      },
    });
    return drain(first, (l) => c.listNext(l));
  }

  getCloudPool(poolId: string): Promise<BatchServiceModels.CloudPool> {
    return this.client.pool.get(poolId);
  }

  async getPool(poolId: string) {
    return toPoolDetails(await this.client.pool.get(poolId));
  }

  async poolExists(poolId: string): Promise<boolean> {
    return (await this.client.pool.exists(poolId)).body === true;
  }

  async addPool(spec: PoolSpec) {
    await this.client.pool.add(toPoolAddParameter(spec));
    return this.getPool(spec.id);
  }

  async deletePool(poolId: string) {
    await this.client.pool.deleteMethod(poolId);
  }

  async resizePool(poolId: string, r: { dedicated: number; spot: number; resizeTimeout?: string }) {
    const body: BatchServiceModels.PoolResizeParameter = {
      targetDedicatedNodes: r.dedicated,
      targetLowPriorityNodes: r.spot,
    };
    if (r.resizeTimeout !== undefined) body.resizeTimeout = r.resizeTimeout;
    await this.client.pool.resize(poolId, body);
  }

  /**
   * Replaces an existing pool's start task (PATCH: the pool's other properties stay as they are);
   * nodes run it when they join, reboot or are reimaged. `current` is the pool's start task now:
   * its resource files, which the spec cannot express, are carried over rather than dropped, since
   * Batch replaces the start task as a whole. Answers the pool as it is afterwards.
   */
  async setPoolStartTask(poolId: string, spec: StartTaskSpec, current?: BatchServiceModels.StartTask) {
    const startTask = toStartTask(spec);
    if (current?.resourceFiles?.length) startTask.resourceFiles = current.resourceFiles;
    await this.client.pool.patch(poolId, { startTask });
    return this.getPool(poolId);
  }

  async listNodes(poolId: string) {
    const c = this.client.computeNode;
    return (await drain(await c.list(poolId), (l) => c.listNext(l))).map(toNodeSummary);
  }

  async getNode(poolId: string, nodeId: string) {
    return toNodeDetails(await this.client.computeNode.get(poolId, nodeId));
  }

  async rebootNode(poolId: string, nodeId: string) {
    await this.client.computeNode.reboot(poolId, nodeId);
  }

  async listSupportedImages() {
    const c = this.client.account;
    return (await drain(await c.listSupportedImages(), (l) => c.listSupportedImagesNext(l))).map(
      toSupportedImage,
    );
  }

  /** The account's applications, each with its activated package versions (Batch lists no others). */
  async listApplications(): Promise<BatchServiceModels.ApplicationSummary[]> {
    const c = this.client.application;
    return drain(await c.list(), (l) => c.listNext(l));
  }

  // Jobs and tasks

  async listJobs() {
    const c = this.client.job;
    return (await drain(await c.list(), (l) => c.listNext(l))).map(toJobSummary);
  }

  async getJob(jobId: string) {
    return toJobSummary(await this.client.job.get(jobId));
  }

  /** The job as the spec it would be created from, to edit or clone it; its eTag is the version read. */
  async getJobSpec(jobId: string): Promise<JobSpecResponse & { spec: JobSpec }> {
    const job = await this.client.job.get(jobId);
    return {
      spec: { id: job.id ?? jobId, ...fromJobSpecification({ ...job, poolInfo: job.poolInfo ?? {} }) },
      eTag: job.eTag,
      state: job.state ?? "active",
    };
  }

  /** Job - Patch with If-Match: Batch answers 412 when the job changed after `patch.eTag` was read. */
  async patchJob(jobId: string, { eTag, poolId, ...fields }: JobPatch) {
    const body: BatchServiceModels.JobPatchParameter = { ...fields };
    if (poolId !== undefined) body.poolInfo = { poolId };
    try {
      await this.client.job.patch(jobId, body, { jobPatchOptions: { ifMatch: eTag } });
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 412)
        throw problem(412, "ConditionNotMet", `Job "${jobId}" was changed by someone else after you opened it. Reload it to see their change, then make yours again.`);
      throw err;
    }
    return this.getJob(jobId);
  }

  /** `containerUrlOf` signs "account storage" output destinations (signed-destinations.ts). */
  async addJob(spec: JobSpec, containerUrlOf?: ContainerUrlOf) {
    await this.client.job.add(toJobAddParameter(spec, containerUrlOf));
    return this.getJob(spec.id);
  }

  async terminateJob(jobId: string, reason?: string) {
    await this.client.job.terminate(jobId, reason !== undefined ? { terminateReason: reason } : {});
  }

  async deleteJob(jobId: string) {
    await this.client.job.deleteMethod(jobId);
  }

  // Job schedules

  async listJobSchedules() {
    const c = this.client.jobSchedule;
    return (await drain(await c.list(), (l) => c.listNext(l))).map(toJobScheduleSummary);
  }

  async getJobSchedule(id: string) {
    return toJobScheduleSummary(await this.client.jobSchedule.get(id));
  }

  /** The schedule as a spec (for editing and for checking a patch against the whole); 422 if Batch's has no job. */
  async getJobScheduleSpec(id: string): Promise<JobScheduleSpec> {
    const spec = fromCloudJobSchedule(await this.client.jobSchedule.get(id));
    if (spec === undefined)
      throw problem(422, "not_clonable", `Job schedule "${id}" has no job specification to edit`);
    return spec;
  }

  async addJobSchedule(spec: JobScheduleSpec, containerUrlOf?: ContainerUrlOf) {
    await this.client.jobSchedule.add(toJobScheduleAddParameter(spec, containerUrlOf));
    return this.getJobSchedule(spec.id);
  }

  async patchJobSchedule(id: string, patch: JobSchedulePatch, containerUrlOf?: ContainerUrlOf) {
    const body: BatchServiceModels.JobSchedulePatchParameter = {};
    if (patch.schedule) body.schedule = toSchedule(patch.schedule);
    if (patch.jobSpecification) body.jobSpecification = toJobSpecification(patch.jobSpecification, containerUrlOf);
    if (patch.metadata) body.metadata = patch.metadata;
    await this.client.jobSchedule.patch(id, body);
    return this.getJobSchedule(id);
  }

  async disableJobSchedule(id: string) {
    await this.client.jobSchedule.disable(id);
  }

  async enableJobSchedule(id: string) {
    await this.client.jobSchedule.enable(id);
  }

  async terminateJobSchedule(id: string) {
    await this.client.jobSchedule.terminate(id);
  }

  async deleteJobSchedule(id: string) {
    await this.client.jobSchedule.deleteMethod(id);
  }

  async listJobScheduleJobs(id: string) {
    const c = this.client.job;
    return (await drain(await c.listFromJobSchedule(id), (l) => c.listFromJobScheduleNext(l))).map(
      toJobSummary,
    );
  }

  async disableJob(jobId: string, disableTasks: DisableJobTasks) {
    await this.client.job.disable(jobId, disableTasks);
  }

  async enableJob(jobId: string) {
    await this.client.job.enable(jobId);
  }

  async jobNodeTaskStatus(jobId: string) {
    const c = this.client.job;
    const first = await c.listPreparationAndReleaseTaskStatus(jobId);
    return (await drain(first, (l) => c.listPreparationAndReleaseTaskStatusNext(l))).map(toJobNodeTaskStatus);
  }

  async taskCounts(jobId: string) {
    return toTaskCounts(await this.client.job.getTaskCounts(jobId));
  }

  async listTasks(
    jobId: string,
    filter: TaskListFilter,
    pageSize: number,
    cursor?: string,
  ): Promise<Page<TaskSummary>> {
    const c = this.client.task;
    const page: Paged<BatchServiceModels.CloudTask> = cursor
      ? await c.listNext(decodeCursor(cursor, this.batchUrl))
      : await c.list(jobId, {
          taskListOptions: {
            maxResults: pageSize,
            ...(taskFilter(filter) ? { filter: taskFilter(filter) } : {}),
          },
        });
    const result: Page<TaskSummary> = { items: page.map(toTaskSummary) };
    if (page.odatanextLink) result.nextCursor = encodeCursor(page.odatanextLink);
    return result;
  }

  async getTask(jobId: string, taskId: string) {
    return toTaskDetails(await this.client.task.get(jobId, taskId));
  }

  /** The task as a spec, to add it again; 422 when Batch's task has what the spec model cannot say. */
  async getTaskSpec(jobId: string, taskId: string): Promise<TaskSpec> {
    const spec = fromCloudTask(await this.client.task.get(jobId, taskId));
    if (spec === undefined) throw problem(422, "not_clonable", `Task "${taskId}" cannot be expressed as a spec`);
    return spec;
  }

  async taskExists(jobId: string, taskId: string): Promise<boolean> {
    try {
      await this.client.task.get(jobId, taskId, { taskGetOptions: { select: "id" } });
      return true;
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return false;
      throw err;
    }
  }

  async addTask(jobId: string, spec: TaskSpec, containerUrlOf?: ContainerUrlOf) {
    await this.client.task.add(jobId, toTaskAddParameter(spec, containerUrlOf));
    return this.getTask(jobId, spec.id);
  }

  /** Up to 100 tasks in one task-collection request; each task's outcome in request order. */
  async addTaskCollection(jobId: string, specs: TaskSpec[], containerUrlOf?: ContainerUrlOf): Promise<AddTaskResult[]> {
    const answer = await this.client.task.addCollection(jobId, specs.map((s) => toTaskAddParameter(s, containerUrlOf)));
    const byId = new Map((answer.value ?? []).map((r) => [r.taskId, r]));
    return specs.map((s): AddTaskResult => {
      const r = byId.get(s.id);
      // @azure/batch 10.2.0 spells TaskAddStatus in lower case; no answer for a task counts as the service's error.
      const result: AddTaskResult = { id: s.id, status: r?.status === "success" ? "success" : r?.status === "clienterror" ? "clientError" : "serverError" };
      if (r?.error) result.error = { ...(r.error.code ? { code: r.error.code } : {}), ...(r.error.message?.value ? { message: r.error.message.value } : {}) };
      return result;
    });
  }

  /**
   * The task's output files as Batch holds them, SAS included: only for the BFF's own reads of
   * the destinations (saved-outputs.ts). Never returned to the browser (getTask strips the SAS).
   */
  async taskOutputFiles(jobId: string, taskId: string): Promise<BatchServiceModels.OutputFile[]> {
    const t = await this.client.task.get(jobId, taskId, { taskGetOptions: { select: "id,outputFiles" } });
    return t.outputFiles ?? [];
  }

  async deleteTask(jobId: string, taskId: string) {
    await this.client.task.deleteMethod(jobId, taskId);
  }

  async terminateTask(jobId: string, taskId: string) {
    await this.client.task.terminate(jobId, taskId);
  }

  async reactivateTask(jobId: string, taskId: string) {
    await this.client.task.reactivate(jobId, taskId);
  }

  // Files

  taskFiles(jobId: string, taskId: string): FileSource {
    const f = this.client.file;
    return {
      list: async (prefix) => {
        const filter = underPrefix(prefix);
        const first = await f.listFromTask(jobId, taskId, {
          recursive: true,
          fileListFromTaskOptions: filter ? { filter } : {},
        });
        return (await drain(first, (l) => f.listFromTaskNext(l))).map(toNodeFile);
      },
      properties: async (path) => toProperties(await f.getPropertiesFromTask(jobId, taskId, path)),
      read: async (path, range) =>
        withStream(await f.getFromTask(jobId, taskId, path, { fileGetFromTaskOptions: ocpRange(range) })),
      taskState: async () => {
        const t = await this.client.task.get(jobId, taskId, {
          taskGetOptions: { select: "state,executionInfo" },
        });
        const s: { state: string; exitCode?: number } = { state: t.state ?? "active" };
        if (t.executionInfo?.exitCode !== undefined) s.exitCode = t.executionInfo.exitCode;
        return s;
      },
    };
  }

  nodeFiles(poolId: string, nodeId: string): FileSource {
    const f = this.client.file;
    return {
      list: async (prefix) => {
        const filter = underPrefix(prefix);
        const first = await f.listFromComputeNode(poolId, nodeId, {
          recursive: true,
          fileListFromComputeNodeOptions: filter ? { filter } : {},
        });
        return (await drain(first, (l) => f.listFromComputeNodeNext(l))).map(toNodeFile);
      },
      properties: async (path) => toProperties(await f.getPropertiesFromComputeNode(poolId, nodeId, path)),
      read: async (path, range) =>
        withStream(
          await f.getFromComputeNode(poolId, nodeId, path, {
            fileGetFromComputeNodeOptions: ocpRange(range),
          }),
        ),
    };
  }
}
