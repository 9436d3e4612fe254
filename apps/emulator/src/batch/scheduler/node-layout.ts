/**
 * Where things live on an emulated node and the AZ_BATCH_* environment a task sees
 * (docs/azure-batch-notes.md#node-layout-and-environment). Root per node:
 * <dataDir>/nodes/<pool>/<node>/ with applications, fsmounts, shared, startup, volatile,
 * workitems; a task's directory is workitems/<job>/job-1/<task>.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { NameValue } from "../model/types";

export const NODE_ROOT_DIRS = [
  "applications",
  "fsmounts",
  "shared",
  "startup",
  "volatile",
  "workitems",
] as const;

export const poolDir = (dataDir: string, poolKey: string) => join(dataDir, "nodes", poolKey);
export const nodeRoot = (dataDir: string, poolKey: string, nodeId: string) =>
  join(poolDir(dataDir, poolKey), nodeId);

/** Task directory relative to the node root (also the prefix of node-relative file paths). */
export const taskRelDir = (jobId: string, taskId: string) => `workitems/${jobId}/job-1/${taskId}`;
export const START_TASK_REL_DIR = "startup";

export async function createNodeRoot(root: string): Promise<void> {
  await Promise.all(NODE_ROOT_DIRS.map((d) => mkdir(join(root, d), { recursive: true })));
}

export interface EnvInput {
  accountName: string;
  accountUrl: string;
  poolId: string;
  nodeId: string;
  isDedicated: boolean;
  root: string;
  taskDir: string;
  /** Absent for the start task, which gets no job or task id. */
  job?: JobOfTask;
  settings?: NameValue[];
  /** AZ_BATCH_APP_PACKAGE_* of the pool's and the task's installed packages. */
  packages?: Readonly<Record<string, string>>;
}

/** What a task of a job (not the start task) knows of its job. */
export interface JobOfTask {
  jobId: string;
  taskId: string;
  common?: NameValue[];
  /** The job preparation task's directory relative to the node root, for every other task of a job that has one. */
  prepRelDir?: string;
}

/**
 * Every always-present AZ_BATCH_* variable and those of the installed application packages, then
 * the job's common settings, then the task's own.
 */
export function taskEnvironment(e: EnvInput): Record<string, string> {
  const env: Record<string, string> = {
    AZ_BATCH_ACCOUNT_NAME: e.accountName,
    AZ_BATCH_ACCOUNT_URL: e.accountUrl,
    AZ_BATCH_POOL_ID: e.poolId,
    AZ_BATCH_NODE_ID: e.nodeId,
    AZ_BATCH_NODE_IS_DEDICATED: String(e.isDedicated),
    AZ_BATCH_NODE_ROOT_DIR: e.root,
    AZ_BATCH_NODE_SHARED_DIR: join(e.root, "shared"),
    AZ_BATCH_NODE_STARTUP_DIR: join(e.root, "startup"),
    AZ_BATCH_NODE_MOUNTS_DIR: join(e.root, "fsmounts"),
    AZ_BATCH_TASK_DIR: e.taskDir,
    AZ_BATCH_TASK_WORKING_DIR: join(e.taskDir, "wd"),
    AZ_BATCH_TASK_RESERVED_EPHEMERAL_DISK_SPACE_BYTES: "1000000000",
    ...e.packages,
  };
  if (e.job) {
    env.AZ_BATCH_JOB_ID = e.job.jobId;
    env.AZ_BATCH_TASK_ID = e.job.taskId;
    if (e.job.prepRelDir) {
      env.AZ_BATCH_JOB_PREP_DIR = join(e.root, e.job.prepRelDir);
      env.AZ_BATCH_JOB_PREP_WORKING_DIR = join(e.root, e.job.prepRelDir, "wd");
    }
    for (const s of e.job.common ?? []) env[s.name] = s.value;
  }
  for (const s of e.settings ?? []) env[s.name] = s.value;
  return env;
}
