/**
 * Picks the task runtime for an account: `docker` when an engine answers (tasks without container
 * settings still run on the host through the process runtime, as Batch runs them on the VM),
 * `process` otherwise, or whichever the configuration forces.
 */
import { join } from "node:path";
import { createDockerRuntime, detectDocker } from "./docker";
import { createProcessRuntime } from "./process";
import type { TaskRuntime } from "./task-runtime";

export type RuntimeChoice = "auto" | "docker" | "process";

export interface ChosenRuntime {
  runtime: TaskRuntime;
  /** One line for the startup log: which runtime and why. */
  reason: string;
}

export async function chooseRuntime(options: {
  choice?: RuntimeChoice;
  dataDir: string;
  dockerHost?: string;
}): Promise<ChosenRuntime> {
  const host = createProcessRuntime({ stateDir: join(options.dataDir, "runtime") });
  const choice = options.choice ?? "auto";
  if (choice === "process") return { runtime: host, reason: "process runtime (configured)" };
  const detected = await detectDocker(options.dockerHost ? { dockerHost: options.dockerHost } : {});
  if (detected.available) {
    const runtime = createDockerRuntime({
      ...(options.dockerHost ? { dockerHost: options.dockerHost } : {}),
      engineVersion: detected.version,
      hostRuntime: host,
    });
    return { runtime, reason: `docker runtime (engine ${detected.version ?? "unknown version"})` };
  }
  if (choice === "docker")
    throw new Error(`the docker runtime was requested but no engine answers: ${detected.reason}`);
  return { runtime: host, reason: `process runtime: no Docker engine (${detected.reason})` };
}
