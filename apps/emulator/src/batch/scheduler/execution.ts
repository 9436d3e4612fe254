/**
 * One attempt of a task or start task on a node: prepare its directory, environment and argv,
 * resolve its container settings against the pool, and hand it to the runtime.
 */
import { join } from "node:path";
import { entityUrl, type Engine } from "../engine";
import { freshFileBelow, makeDirsBelow } from "../files/confined-writes";
import type {
  ApplicationPackageReferenceWire,
  ContainerRegistryWire,
  NameValue,
  NodeRecord,
  PoolRecord,
  TaskContainerSettingsWire,
} from "../model/types";
import { CommandLineError, splitCommandLine } from "../runtime/command-line";
import type { RegistryCredential, RunResult } from "../runtime/task-runtime";
import { installApplicationPackages } from "../task-data/application-packages";
import { prepareTaskData, saveTaskOutputs, type TaskData } from "../task-data/task-data";
import { nodeRoot, taskEnvironment, type JobOfTask } from "./node-layout";

export interface ExecutionSpec {
  executionId: string;
  pool: PoolRecord;
  node: NodeRecord;
  /** Task directory relative to the node root: "startup" or workitems/<job>/job-1/<task>. */
  relDir: string;
  commandLine: string;
  containerSettings?: TaskContainerSettingsWire;
  job?: JobOfTask;
  settings?: NameValue[];
  /** Resource files to download before the command, output files to upload after it. */
  data?: TaskData;
  /** The task's own application packages, installed before its resource files. */
  packages?: readonly ApplicationPackageReferenceWire[];
  /** Start, job preparation and job release tasks may run on the host of a container pool. */
  hostAllowed?: boolean;
  signal: AbortSignal;
}

export const toCredential = (r: ContainerRegistryWire): RegistryCredential => ({
  server: r.registryServer || "docker.io",
  username: r.username,
  password: r.password,
  identityResourceId: r.identityReference?.resourceId,
});

/** Registry host of an image reference (Docker's rule: a first part with "." or ":" or localhost). */
export function registryHost(image: string): string {
  const first = image.split("/")[0]!;
  return image.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost")
    ? first
    : "docker.io";
}

const serverFailure = (message: string, e: unknown): RunResult => ({
  failure: {
    category: "servererror",
    code: "Unknown",
    message,
    details: [{ name: "Message", value: e instanceof Error ? e.message : String(e) }],
  },
});

const preFailure = (code: string, message: string, detail: string): RunResult => ({
  failure: { category: "usererror", code, message, details: [{ name: "Message", value: detail }] },
});

export async function executeOnNode(engine: Engine, spec: ExecutionSpec): Promise<RunResult> {
  // Every attempt of every kind of task passes here, so the node's agent log sees them all.
  const log = (text: string) => engine.agentLog.write(spec.node, `${spec.relDir}: ${text}`);
  log(`attempt starting (execution ${spec.executionId}, command line ${JSON.stringify(spec.commandLine)})`);
  const result = await runAttempt(engine, spec);
  const f = result.failure;
  log(
    f
      ? `attempt failed: ${f.category} ${f.code}${result.exitCode === undefined ? "" : `, exit code ${result.exitCode}`}`
      : `attempt exited with code ${result.exitCode}`,
  );
  return result;
}

async function runAttempt(engine: Engine, spec: ExecutionSpec): Promise<RunResult> {
  const { config } = engine;
  const root = nodeRoot(config.dataDir, spec.node.poolKey, spec.node.wire.id);
  const taskDir = join(root, spec.relDir);
  const workingDir = join(taskDir, "wd");
  const stdoutPath = join(taskDir, "stdout.txt");
  const stderrPath = join(taskDir, "stderr.txt");
  try {
    // Confined: a task may have left links here for its next attempt to write through.
    await makeDirsBelow(config.dataDir, workingDir);
    // Each attempt starts with fresh output files, as on a Batch node.
    await Promise.all([
      freshFileBelow(config.dataDir, stdoutPath),
      freshFileBelow(config.dataDir, stderrPath),
    ]);
  } catch (e) {
    // Such as a task folder a task replaced by a link: no attempt runs there.
    return serverFailure("The task directory could not be prepared", e);
  }

  const containerConfig = spec.pool.wire.virtualMachineConfiguration?.containerConfiguration;
  const hostAllowed = !spec.job || spec.hostAllowed;
  if (containerConfig && !spec.containerSettings && !hostAllowed)
    return preFailure(
      "ContainerInvalidSettings",
      "At least one value of specified task container settings is invalid",
      "The pool has a containerConfiguration, so every task must specify containerSettings",
    );
  if (!containerConfig && spec.containerSettings)
    return preFailure(
      "ContainerInvalidSettings",
      "At least one value of specified task container settings is invalid",
      "containerSettings needs a pool with a containerConfiguration",
    );

  let argv: string[];
  try {
    argv = splitCommandLine(spec.commandLine);
  } catch (e) {
    return preFailure(
      "CommandLaunchFailed",
      "The command line could not be parsed",
      e instanceof CommandLineError ? e.message : String(e),
    );
  }

  let container;
  if (spec.containerSettings) {
    const s = spec.containerSettings;
    const host = registryHost(s.imageName).toLowerCase();
    const poolRegistry = containerConfig?.containerRegistries?.find(
      (r) => (r.registryServer || "docker.io").toLowerCase() === host,
    );
    const registry = s.registry ?? poolRegistry;
    container = {
      imageName: s.imageName,
      runOptions: s.containerRunOptions ?? "",
      workingDirectory: s.workingDirectory ?? "taskWorkingDirectory",
      registry: registry ? toCredential(registry) : undefined,
    };
  }

  // Pre-processing, first the task's packages (the pool's were installed when the node booted).
  const installed = await installApplicationPackages(spec.packages, {
    anchor: config.dataDir,
    root,
    applications: config.applications,
    autoStorage: config.autoStorage,
    signal: spec.signal,
  });
  if ("failure" in installed) return { failure: installed.failure };

  const env = taskEnvironment({
    accountName: config.accountName,
    accountUrl: config.publicUrl,
    poolId: spec.pool.wire.id,
    nodeId: spec.node.wire.id,
    isDedicated: spec.node.wire.isDedicated,
    root,
    taskDir,
    job: spec.job,
    settings: spec.settings,
    packages: { ...spec.node.packageEnv, ...installed.env },
  });

  // Then the resource files, before the command runs (or instead of it).
  const folders = { anchor: config.dataDir, taskDir, workingDir, env };
  const downloadFailure = await prepareTaskData(spec.data, folders, config.autoStorage, spec.signal);
  if (downloadFailure) return { failure: downloadFailure };

  let result: RunResult;
  try {
    result = await config.runtime.run({
      executionId: spec.executionId,
      argv,
      env,
      nodeRootDir: root,
      taskDir,
      workingDir,
      stdoutPath,
      stderrPath,
      container,
      signal: spec.signal,
    });
  } catch (e) {
    // A runtime bug or an engine that went away: a server error on the task, never a crash.
    return serverFailure("The task runtime failed unexpectedly", e);
  }
  // Hook 2, post-processing: the output files, after the process exited and before the task completes.
  return saveTaskOutputs(spec.data, folders, result, spec.signal);
}

export const nodeUrl = (engine: Engine, pool: PoolRecord, node: NodeRecord) =>
  entityUrl(engine.config, "pools", pool.wire.id, "nodes", node.wire.id);
