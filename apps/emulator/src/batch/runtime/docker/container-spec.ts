/**
 * The Batch-to-Docker mapping for one task attempt, as a pure function (so it is unit-tested without
 * an engine): the container's image, command, environment, working directory, user, mounts and
 * limits, from the scheduler's RunRequest and the parsed containerRunOptions.
 */
import type Docker from "dockerode";
import type { RunRequest } from "../task-runtime";
import type { ImageTarget } from "./image-name";
import type { RunOptions } from "./run-options";

/** Every task container carries this label with its execution id, so `cleanup` can find leftovers. */
export const EXECUTION_LABEL = "batch-studio.execution";

/** Docker names allow [a-zA-Z0-9][a-zA-Z0-9_.-]*; execution ids are close to that already. */
export function containerName(executionId: string): string {
  return `batch-studio-${executionId.replace(/[^a-zA-Z0-9_.-]/g, "_")}`.slice(0, 200);
}

export interface ContainerSpecInput {
  request: Pick<RunRequest, "executionId" | "argv" | "env" | "nodeRootDir" | "workingDir" | "container">;
  target: ImageTarget;
  options: RunOptions;
  /** Where `-e NAME` (no value) takes its value when the task environment lacks it: the emulator's own environment, like the docker CLI. */
  hostEnv: Record<string, string | undefined>;
  /** `--user` when the run options give none; undefined leaves the image's USER. */
  defaultUser?: string;
}

export function containerCreateOptions(input: ContainerSpecInput): Docker.ContainerCreateOptions {
  const { request, target, options } = input;
  const env = new Map(Object.entries(request.env));
  for (const e of options.env) {
    const value = e.value ?? request.env[e.name] ?? input.hostEnv[e.name];
    // Like `docker run -e NAME` with NAME unset: the variable is simply not set.
    if (value !== undefined) env.set(e.name, value);
  }
  const workingDir =
    options.workdir ??
    (request.container?.workingDirectory === "containerImageDefault" ? undefined : request.workingDir);
  const user = options.user ?? input.defaultUser;

  const hostConfig: Docker.HostConfig = {
    // Batch maps the whole node root at the same path, so every AZ_BATCH_* path works inside too.
    Binds: [`${request.nodeRootDir}:${request.nodeRootDir}`, ...options.binds],
    AutoRemove: false,
    Privileged: options.privileged,
    ReadonlyRootfs: options.readOnly,
    Init: options.init,
    CapAdd: options.capAdd,
    CapDrop: options.capDrop,
    SecurityOpt: options.securityOpt,
    Dns: options.dns,
    ExtraHosts: options.addHosts,
    Ulimits: options.ulimits,
    Tmpfs: options.tmpfs,
    ...(options.memoryBytes !== undefined ? { Memory: options.memoryBytes } : {}),
    ...(options.memorySwapBytes !== undefined ? { MemorySwap: options.memorySwapBytes } : {}),
    ...(options.nanoCpus !== undefined ? { NanoCpus: options.nanoCpus } : {}),
    ...(options.cpuShares !== undefined ? { CpuShares: options.cpuShares } : {}),
    ...(options.network !== undefined ? { NetworkMode: options.network } : {}),
    ...(options.shmSizeBytes !== undefined ? { ShmSize: options.shmSizeBytes } : {}),
    ...(options.ipc !== undefined ? { IpcMode: options.ipc } : {}),
    ...(options.pidsLimit !== undefined ? { PidsLimit: options.pidsLimit } : {}),
  };

  return {
    name: containerName(request.executionId),
    Image: target.ref,
    // Empty argv: leave Cmd unset, so the image's ENTRYPOINT/CMD run as they are.
    ...(request.argv.length > 0 ? { Cmd: request.argv } : {}),
    // `--entrypoint ""` resets the image's entrypoint, as with docker run.
    ...(options.entrypoint !== undefined ? { Entrypoint: [options.entrypoint] } : {}),
    Env: [...env].map(([k, v]) => `${k}=${v}`),
    ...(workingDir !== undefined ? { WorkingDir: workingDir } : {}),
    ...(user !== undefined ? { User: user } : {}),
    ...(options.hostname !== undefined ? { Hostname: options.hostname } : {}),
    ...(options.anonymousVolumes.length > 0
      ? { Volumes: Object.fromEntries(options.anonymousVolumes.map((v) => [v, {}])) }
      : {}),
    Labels: { ...options.labels, [EXECUTION_LABEL]: request.executionId },
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    OpenStdin: false,
    Tty: false,
    HostConfig: hostConfig,
  };
}

/**
 * Files the task writes into the bind-mounted node root should belong to whoever runs the emulator,
 * so it can read and delete them. As root (CI, a Batch node's agent) keep the image's own USER, which
 * is what Batch does.
 */
export function invokingUser(): string | undefined {
  const uid = process.getuid?.();
  const gid = process.getgid?.();
  if (uid === undefined || gid === undefined || uid === 0) return undefined;
  return `${uid}:${gid}`;
}
