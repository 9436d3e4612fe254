/**
 * The seam between the Batch scheduler and whatever executes a task on a node. The scheduler owns
 * the node directory layout, the AZ_BATCH_* environment and the argv split; a runtime only runs
 * what it is given and reports how it ended. Two implementations: `docker` (real containers
 * through the Docker Engine API) and `process` (plain host processes, no isolation).
 */

/** Credentials for one registry, as the pool's containerConfiguration or a task's settings carry them. */
export interface RegistryCredential {
  /** Host[:port], e.g. "127.0.0.1:5000" or "myacr.azurecr.io"; "docker.io" when omitted by the user. */
  server: string;
  username?: string;
  password?: string;
  /** A managed identity cannot be used locally; a runtime reports it as a registry failure. */
  identityResourceId?: string;
}

/** Batch's task failure information, as it appears in executionInfo.failureInfo. */
export interface RuntimeFailure {
  category: "usererror" | "servererror";
  /** ContainerInvalidImage, ContainerInvalidRegistry, ContainerInvalidSettings, ContainerMiscError,
   *  CommandProgramNotFound, CommandLaunchFailed, TaskEnded, ... */
  code: string;
  message: string;
  details?: { name: string; value: string }[];
}

export interface ContainerRunSpec {
  /** As the task gave it; the runtime adds ":latest" when no tag or digest is present. */
  imageName: string;
  /** Extra `docker create` arguments, e.g. "--rm --workdir /". */
  runOptions: string;
  workingDirectory: "taskWorkingDirectory" | "containerImageDefault";
  /** The registry to pull from when the image is not on the node yet. */
  registry?: RegistryCredential;
}

export interface RunRequest {
  /** Unique per attempt; used to name the container and to find it after a crash. */
  executionId: string;
  /** Already split the way Batch splits command lines (no shell). Empty + container = image ENTRYPOINT. */
  argv: string[];
  env: Record<string, string>;
  /** Host path of the node root (AZ_BATCH_NODE_ROOT_DIR), bind-mounted at the same path in containers. */
  nodeRootDir: string;
  /** Host path of the task directory; holds stdout.txt and stderr.txt. */
  taskDir: string;
  /** Host path of the task's wd (AZ_BATCH_TASK_WORKING_DIR). */
  workingDir: string;
  /** Files the runtime appends to while the task runs, so they can be read mid-run. */
  stdoutPath: string;
  stderrPath: string;
  container?: ContainerRunSpec;
  /** Aborted on terminate, job termination or maxWallClockTime. */
  signal: AbortSignal;
}

export interface RunResult {
  /** Absent when the task never started (a pre-processing failure). */
  exitCode?: number;
  failure?: RuntimeFailure;
  containerId?: string;
  /** "exited", "created", ... as Docker reports; absent for the process runtime. */
  containerState?: string;
}

export interface PullResult {
  ok: boolean;
  failure?: RuntimeFailure;
}

export interface RuntimeInfo {
  kind: "docker" | "process";
  /** False for the process runtime: container settings are recorded but not isolated. */
  containersIsolated: boolean;
  /** Shown to operators, e.g. "containers simulated: no Docker engine". */
  note: string;
}

export interface TaskRuntime {
  info(): RuntimeInfo;
  /** Prefetch one image onto the node, with the pool's registry credentials. */
  pull(imageName: string, registries: RegistryCredential[], signal?: AbortSignal): Promise<PullResult>;
  run(request: RunRequest): Promise<RunResult>;
  /** Remove leftovers of executions that were running when the emulator died. */
  cleanup?(executionIdPrefix: string): Promise<void>;
}
