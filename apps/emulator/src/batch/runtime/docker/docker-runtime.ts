/**
 * The `docker` runtime: each container task attempt is one real container, created through the Docker
 * Engine API (dockerode) from the task's image, with its containerRunOptions applied, the node root
 * bind-mounted at the same path and the task environment passed in. Output is appended to the task's
 * stdout.txt/stderr.txt while it runs. The only shared state is the dockerode client: attempts run
 * concurrently and independently. See README.md in this folder for the mapping and failure codes.
 */
import type Docker from "dockerode";
import type {
  PullResult,
  RegistryCredential,
  RunRequest,
  RunResult,
  RuntimeInfo,
  TaskRuntime,
} from "../task-runtime";
import { createDockerClient } from "./docker-client";
import { containerCreateOptions, EXECUTION_LABEL, invokingUser } from "./container-spec";
import { classifyCreateError, classifyStartError, engineStatus } from "./engine-errors";
import { INVALID_SETTINGS_MESSAGE, userFailure } from "./failures";
import { imageTarget, type ImageTarget } from "./image-name";
import { captureOutput } from "./output-capture";
import { pullImage } from "./pull-image";
import { parseRunOptions } from "./run-options";

export interface DockerRuntimeOptions {
  /** An existing client; default: one for `dockerHost`, else DOCKER_HOST, else the default socket. */
  docker?: Docker;
  dockerHost?: string;
  /** The engine version detectDocker() found, for info(); fetched in the background when absent. */
  engineVersion?: string;
  /** Seconds between SIGTERM and SIGKILL when a task is ended (docker stop -t). Default 5. */
  stopTimeoutSeconds?: number;
  /** Runs tasks that have no container settings (start tasks and tasks of non-container pools), as Batch runs them on the VM itself. */
  hostRuntime?: TaskRuntime;
  /** Where `-e NAME` takes a value the task environment lacks. Default: process.env. */
  hostEnv?: Record<string, string | undefined>;
  /** The container user when --user is absent. Default: the emulator's uid:gid, or the image's USER when running as root. */
  defaultUser?: string;
}

/** How long to wait for the engine to close a stopped container's output before giving up on the tail. */
const OUTPUT_DRAIN_MS = 5000;

export function createDockerRuntime(options: DockerRuntimeOptions = {}): TaskRuntime {
  const docker =
    options.docker ?? createDockerClient(options.dockerHost ? { dockerHost: options.dockerHost } : {});
  const stopTimeout = options.stopTimeoutSeconds ?? 5;
  const hostEnv = options.hostEnv ?? process.env;
  const defaultUser = "defaultUser" in options ? options.defaultUser : invokingUser();

  let engineVersion = options.engineVersion;
  if (!engineVersion) {
    docker
      .version()
      .then((v) => (engineVersion = v.Version))
      .catch(() => undefined);
  }

  const info = (): RuntimeInfo => ({
    kind: "docker",
    containersIsolated: true,
    note: `tasks run in Docker containers (engine ${engineVersion ?? "version unknown"})`,
  });

  async function pull(
    imageName: string,
    registries: RegistryCredential[],
    signal?: AbortSignal,
  ): Promise<PullResult> {
    const target = imageTarget(imageName);
    if (!target.ok) return { ok: false, failure: invalidImageName(imageName, target.reason) };
    return pullImage(docker, target.target, registries, signal);
  }

  /** Pull only when the node (engine) does not have the image yet, as a Batch node does. */
  async function ensureImage(
    target: ImageTarget,
    registry: RegistryCredential | undefined,
    signal: AbortSignal,
  ): Promise<PullResult> {
    try {
      await docker.getImage(target.ref).inspect();
      return { ok: true };
    } catch (e) {
      if (engineStatus(e) !== 404) throw e;
    }
    return pullImage(docker, target, registry ? [registry] : [], signal);
  }

  async function createContainer(spec: Docker.ContainerCreateOptions): Promise<Docker.Container> {
    try {
      return await docker.createContainer({ ...spec });
    } catch (e) {
      // A leftover with our name (an attempt whose emulator died before removing it): replace it once.
      if (engineStatus(e) !== 409 || !spec.name) throw e;
      await docker
        .getContainer(spec.name)
        .remove({ force: true, v: true })
        .catch(() => undefined);
      return await docker.createContainer({ ...spec });
    }
  }

  async function run(req: RunRequest): Promise<RunResult> {
    const settings = req.container;
    if (!settings) {
      if (options.hostRuntime) return options.hostRuntime.run(req);
      return {
        failure: userFailure(
          "CommandLaunchFailed",
          "The docker runtime runs container tasks only, and this task has no container settings",
        ),
      };
    }
    const parsed = parseRunOptions(settings.runOptions);
    if (!parsed.ok)
      return { failure: userFailure("ContainerInvalidSettings", INVALID_SETTINGS_MESSAGE, parsed.message) };
    const target = imageTarget(settings.imageName);
    if (!target.ok) return { failure: invalidImageName(settings.imageName, target.reason) };
    if (req.signal.aborted) return { failure: ended() };

    const pulled = await ensureImage(target.target, settings.registry, req.signal);
    if (!pulled.ok) return { failure: pulled.failure };
    if (req.signal.aborted) return { failure: ended() };

    const secrets = settings.registry?.password ? [settings.registry.password] : [];
    const spec = containerCreateOptions({
      request: req,
      target: target.target,
      options: parsed.options,
      hostEnv,
      defaultUser,
    });
    let container: Docker.Container;
    try {
      container = await createContainer(spec);
    } catch (e) {
      return { failure: classifyCreateError(e, { ref: target.target.ref, secrets }) };
    }

    try {
      const output = await captureOutput(docker, container, req.nodeRootDir, req.stdoutPath, req.stderrPath);
      if (req.signal.aborted) {
        await output.finished(0);
        return { failure: ended(), containerId: container.id, containerState: "created" };
      }
      try {
        await container.start();
      } catch (e) {
        await output.finished(0);
        return {
          failure: classifyStartError(e, { ref: target.target.ref, secrets }),
          containerId: container.id,
          containerState: "created",
        };
      }

      // Ending a task stops its container: SIGTERM, then SIGKILL after the stop timeout.
      const onAbort = () => void container.stop({ t: stopTimeout }).catch(() => undefined);
      req.signal.addEventListener("abort", onAbort, { once: true });
      // An abort that landed while start() was in flight fired no listener.
      if (req.signal.aborted) onAbort();
      let exitCode: number;
      try {
        // "not-running" answers at once if the container already exited, so there is no start/wait race.
        const waited = (await container.wait({ condition: "not-running" })) as { StatusCode: number };
        exitCode = waited.StatusCode;
      } finally {
        req.signal.removeEventListener("abort", onAbort);
      }
      await output.finished(OUTPUT_DRAIN_MS);
      const state = await container
        .inspect()
        .then((i) => i.State.Status)
        .catch(() => "exited");
      return {
        exitCode,
        containerId: container.id,
        containerState: state,
        ...(req.signal.aborted ? { failure: ended() } : {}),
      };
    } finally {
      // Removed whether or not --rm was given: the exit code and output are already captured, and a
      // node that runs thousands of tasks must not pile up stopped containers.
      await container.remove({ force: true, v: true }).catch(() => undefined);
    }
  }

  async function cleanup(executionIdPrefix: string): Promise<void> {
    await options.hostRuntime?.cleanup?.(executionIdPrefix);
    const leftovers = await docker.listContainers({ all: true, filters: { label: [EXECUTION_LABEL] } });
    await Promise.all(
      leftovers
        .filter((c) => (c.Labels[EXECUTION_LABEL] ?? "").startsWith(executionIdPrefix))
        .map((c) =>
          docker
            .getContainer(c.Id)
            .remove({ force: true, v: true })
            .catch(() => undefined),
        ),
    );
  }

  return { info, pull, run, cleanup };
}

const ended = () => userFailure("TaskEnded", "The task was ended before it completed");

const invalidImageName = (imageName: string, reason: string) =>
  userFailure(
    "ContainerInvalidImage",
    `The container image name "${imageName}" is not a valid image reference`,
    reason,
  );
