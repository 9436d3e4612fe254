import { join } from "node:path";
import { createProcessRuntime, type TaskRuntime } from "./batch";
import { createDockerRuntime, detectDocker } from "./batch/runtime/docker";

export type RuntimeChoice = "auto" | "docker" | "process";

export interface ChosenRuntime {
  runtime: TaskRuntime;
  /** Why this runtime, for the start banner (e.g. "auto: no Docker Engine answers at …"). */
  reason: string;
}

/**
 * Which task runtime the Batch accounts use: Docker when an engine answers (auto), or as forced.
 * One runtime instance is shared by every account. Under Docker, tasks without container settings
 * (start tasks, non-container pools) still run as host processes, as Batch runs them on the VM.
 */
export async function chooseRuntime(choice: RuntimeChoice, dataDir: string): Promise<ChosenRuntime> {
  const host = () => createProcessRuntime({ stateDir: join(dataDir, "runtime") });
  if (choice === "process") return { runtime: host(), reason: "process runtime requested" };
  const docker = await detectDocker();
  if (docker.available) {
    return {
      runtime: createDockerRuntime({
        hostRuntime: host(),
        ...(docker.version ? { engineVersion: docker.version } : {}),
      }),
      reason:
        `${choice === "docker" ? "docker requested" : "auto"}: Docker Engine ${docker.version ?? ""} answers`.trim(),
    };
  }
  if (choice === "docker")
    throw new Error(`BATCH_STUDIO_RUNTIME=docker, but ${docker.reason ?? "no Docker Engine answers"}.`);
  return {
    runtime: host(),
    reason: `auto: ${docker.reason ?? "no Docker Engine"}; tasks run as host processes`,
  };
}
