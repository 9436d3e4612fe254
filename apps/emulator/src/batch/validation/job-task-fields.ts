/**
 * The job's own tasks on Job_Add: jobManagerTask, jobPreparationTask and jobReleaseTask, with
 * Batch's defaults (BatchService.json; docs/azure-batch-notes.md#the-jobs-own-tasks). Like a
 * task, the job manager must run in a container on a container pool and may not on another;
 * preparation and release tasks may run on the host of a container pool.
 */
import { applicationPackageReferencesAt } from "./application-packages";
import { invalidProperty } from "../http/batch-error";
import { parseDuration } from "../model/duration";
import type {
  JobManagerTaskWire,
  JobPreparationTaskWire,
  JobReleaseTaskWire,
  JobWire,
  PoolWire,
  TaskContainerSettingsWire,
} from "../model/types";
import { containerSettingsFrom } from "./container-fields";
import { resourceFilesFrom } from "./data-files";
import {
  boolField,
  displayNameField,
  durationField,
  idField,
  intField,
  nameValueList,
  objectField,
  requiredString,
  stringField,
  type Obj,
} from "./fields";
import { taskConstraintsAt } from "./task-validation";

/** "The default value is 15 minutes. You may not specify a timeout longer than 15 minutes." */
export const RELEASE_MAX_WALL_CLOCK = "PT15M";
const RELEASE_LIMIT_MS = 15 * 60_000;

const DEFAULT_USER = { autoUser: { scope: "pool", elevationLevel: "nonadmin" } };

/** The fields every one of the three shares: command line, container, environment, resource files, display name. */
function commonFrom(o: Obj, path: string, pool: PoolWire | undefined, containerRequired: boolean) {
  const containerSettings = containerSettingsFrom(o, "containerSettings", path);
  const commandLine = requiredString(o, "commandLine", path, true);
  if (!containerSettings && commandLine.trim() === "")
    throw invalidProperty(`${path}.commandLine`, "The command line must not be empty.");
  if (pool) {
    const containerPool = !!pool.virtualMachineConfiguration?.containerConfiguration;
    if (containerRequired && containerPool && !containerSettings)
      throw invalidProperty(
        `${path}.containerSettings`,
        `Pool '${pool.id}' has a containerConfiguration: the job manager task must specify containerSettings.`,
      );
    if (!containerPool && containerSettings)
      throw invalidProperty(
        `${path}.containerSettings`,
        `Pool '${pool.id}' has no containerConfiguration, so ${path} cannot specify containerSettings.`,
      );
  }
  const out: { commandLine: string; containerSettings?: TaskContainerSettingsWire; [k: string]: unknown } = {
    ...o,
    commandLine,
    userIdentity: objectField(o, "userIdentity", path) ?? DEFAULT_USER,
  };
  if (containerSettings) out.containerSettings = containerSettings;
  else delete out.containerSettings;
  const env = nameValueList(o, "environmentSettings", path);
  if (env) out.environmentSettings = env;
  // Checked as a task's are (one source, a relative filePath), since they are downloaded the same way.
  const resourceFiles = resourceFilesFrom(o, path);
  if (resourceFiles) out.resourceFiles = resourceFiles;
  else delete out.resourceFiles;
  const displayName = displayNameField(o, path);
  if (displayName !== undefined) out.displayName = displayName;
  return out;
}

function jobManagerFrom(o: Obj, pool: PoolWire | undefined, job: Pick<JobWire, "constraints">) {
  const path = "jobManagerTask";
  const applicationPackageReferences = applicationPackageReferencesAt(o, path);
  const requiredSlots = intField(o, "requiredSlots", path, 1, 256) ?? 1;
  if (pool && requiredSlots > pool.taskSlotsPerNode)
    throw invalidProperty(
      `${path}.requiredSlots`,
      `The pool has only ${pool.taskSlotsPerNode} task slot(s) per node.`,
      String(requiredSlots),
    );
  const wire: JobManagerTaskWire = {
    ...commonFrom(o, path, pool, true),
    id: idField(o, "id", path),
    constraints: taskConstraintsAt(o, path, job.constraints.maxTaskRetryCount ?? 0),
    requiredSlots,
    killJobOnCompletion: boolField(o, "killJobOnCompletion", path) ?? true,
    runExclusive: boolField(o, "runExclusive", path) ?? true,
    allowLowPriorityNode: boolField(o, "allowLowPriorityNode", path) ?? true,
  };
  if (applicationPackageReferences) wire.applicationPackageReferences = applicationPackageReferences;
  return wire;
}

function preparationFrom(o: Obj, pool: PoolWire | undefined): JobPreparationTaskWire {
  const path = "jobPreparationTask";
  return {
    ...commonFrom(o, path, pool, false),
    id: stringField(o, "id", path) === undefined ? "jobpreparation" : idField(o, "id", path),
    constraints: taskConstraintsAt(o, path, 0),
    waitForSuccess: boolField(o, "waitForSuccess", path) ?? true,
    rerunOnNodeRebootAfterSuccess: boolField(o, "rerunOnNodeRebootAfterSuccess", path) ?? true,
  };
}

function releaseFrom(o: Obj, pool: PoolWire | undefined): JobReleaseTaskWire {
  const path = "jobReleaseTask";
  const maxWallClockTime = durationField(o, "maxWallClockTime", path) ?? RELEASE_MAX_WALL_CLOCK;
  if ((parseDuration(maxWallClockTime) ?? 0) > RELEASE_LIMIT_MS)
    throw invalidProperty(
      `${path}.maxWallClockTime`,
      "A job release task may run for at most 15 minutes (PT15M).",
      maxWallClockTime,
    );
  return {
    ...commonFrom(o, path, pool, false),
    id: stringField(o, "id", path) === undefined ? "jobrelease" : idField(o, "id", path),
    maxWallClockTime,
    retentionTime: durationField(o, "retentionTime", path) ?? "P7D",
  };
}

export type JobTasks = Pick<JobWire, "jobManagerTask" | "jobPreparationTask" | "jobReleaseTask">;

/** The three from a Job_Add body; `pool` when the job's pool exists (for the container rules). */
export function jobTasksFrom(
  body: Obj,
  pool: PoolWire | undefined,
  job: Pick<JobWire, "constraints">,
): JobTasks {
  const jm = objectField(body, "jobManagerTask");
  const prep = objectField(body, "jobPreparationTask");
  const release = objectField(body, "jobReleaseTask");
  if (release && !prep)
    throw invalidProperty(
      "jobReleaseTask",
      "A job release task cannot be specified without also specifying a job preparation task.",
    );
  const out: JobTasks = {};
  if (jm) out.jobManagerTask = jobManagerFrom(jm, pool, job);
  if (prep) out.jobPreparationTask = preparationFrom(prep, pool);
  if (release) out.jobReleaseTask = releaseFrom(release, pool);
  const ids = [
    ["jobManagerTask", out.jobManagerTask?.id],
    ["jobPreparationTask", out.jobPreparationTask?.id],
    ["jobReleaseTask", out.jobReleaseTask?.id],
  ] as const;
  ids.forEach(([name, id], i) => {
    if (id && ids.slice(0, i).some(([, other]) => other?.toLowerCase() === id.toLowerCase()))
      throw invalidProperty(`${name}.id`, "The job's own tasks need different ids.", id);
  });
  return out;
}
