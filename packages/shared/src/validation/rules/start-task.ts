import { parseImageReference } from "../../grammar/image-reference";
import type { PoolFacts } from "../pool-facts";

/**
 * The facts the start task rules read. Narrower than PoolFacts so the same rules also check a new
 * start task for an existing pool (validateStartTaskUpdate), where no whole PoolSpec exists.
 */
export type StartTaskFacts = Pick<PoolFacts, "isContainerPool" | "imageOs"> & {
  spec: Pick<PoolFacts["spec"], "startTask">;
};
import { setFix, type Rule } from "../rule";

export const startTaskCommandLine: Rule<StartTaskFacts> = {
  code: "startTask.commandLineRequired",
  area: "start task",
  level: "error",
  summary: "A start task has a command line.",
  source: "Batch REST StartTask.commandLine (required)",
  check: ({ spec }, emit) => {
    if (spec.startTask && spec.startTask.commandLine.trim() === "")
      emit(["startTask", "commandLine"], "Enter the start task's command line, or remove the start task.");
  },
};

export const startTaskContainerSettings: Rule<StartTaskFacts> = {
  code: "startTask.containerSettingsNeedContainerPool",
  area: "start task",
  level: "error",
  summary: "Start task container settings only on container pools.",
  source:
    'Microsoft Learn "Run container applications on Azure Batch": start tasks may run in a container or directly on the node; containers need a container-enabled pool.',
  check: ({ spec, isContainerPool }, emit) => {
    if (!spec.startTask?.containerSettings || isContainerPool) return;
    emit(
      ["startTask", "containerSettings"],
      "This pool has no container configuration, so the start task cannot run in a container; enable containers for the pool or remove the start task's container settings.",
      {
        fix: setFix("Run the start task on the node instead", ["startTask", "containerSettings"], undefined),
      },
    );
  },
};

export const startTaskContainerImage: Rule<StartTaskFacts> = {
  code: "startTask.imageReference",
  area: "start task",
  level: "error",
  summary: "The start task's container image follows the distribution reference grammar.",
  source: "Batch REST TaskContainerSettings.imageName (a docker pull reference)",
  check: ({ spec }, emit) => {
    const image = spec.startTask?.containerSettings?.imageName;
    if (image === undefined) return;
    const parsed = parseImageReference(image);
    if (!parsed.ok)
      emit(
        ["startTask", "containerSettings", "imageName"],
        `Fix the image reference "${image}": ${parsed.reason}.`,
      );
  },
};

export const startTaskWindowsElevated: Rule<StartTaskFacts> = {
  code: "startTask.windowsContainerElevated",
  area: "start task",
  level: "info",
  summary:
    "On Windows container pools, host start tasks that prepare Docker or mount shares usually need to run elevated.",
  source:
    'Microsoft Learn "Run container applications on Azure Batch": run a start task on the host, e.g. to mount a file server the containers can reach.',
  check: ({ spec, isContainerPool, imageOs }, emit) => {
    const task = spec.startTask;
    if (!task || !isContainerPool || imageOs !== "windows" || task.elevated || task.containerSettings) return;
    emit(
      ["startTask", "elevated"],
      "On Windows container hosts, start tasks that configure Docker or mount file shares need administrator rights; run it elevated if it does.",
      {
        fix: setFix("Run the start task elevated", ["startTask", "elevated"], true),
      },
    );
  },
};

export const startTaskWaitForSuccess: Rule<StartTaskFacts> = {
  code: "startTask.waitForSuccessOff",
  area: "start task",
  level: "info",
  summary: "waitForSuccess=false lets nodes take tasks before the start task has finished.",
  source: "Batch REST StartTask.waitForSuccess (default true; a failure marks the node unusable)",
  check: ({ spec }, emit) => {
    if (!spec.startTask || spec.startTask.waitForSuccess) return;
    emit(
      ["startTask", "waitForSuccess"],
      'Nodes may run tasks before the start task has finished (or even if it fails); turn on "wait for success" if tasks depend on its setup.',
      {
        fix: setFix("Wait for the start task to succeed", ["startTask", "waitForSuccess"], true),
      },
    );
  },
};

export const startTaskRules = [
  startTaskCommandLine,
  startTaskContainerSettings,
  startTaskContainerImage,
  startTaskWindowsElevated,
  startTaskWaitForSuccess,
];
