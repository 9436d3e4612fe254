import { toJobScheduleAddParameter } from "../convert/job-schedule";
import type { ContainerRegistry } from "../convert/batch-models";
import type { JobScheduleSpec } from "../job-schedule-spec";
import type { RegistrySpec } from "../registry-spec";
import { azJsonFileCommand, type AzCliExport, type AzCliOptions } from "./az-cli";
import { toWireRegistry } from "./rest-json";
import { passwordEnvVar } from "./secrets";

const JOB_TASKS = ["jobManagerTask", "jobPreparationTask", "jobReleaseTask"] as const;

/** The environment variables an export of this schedule needs (its job tasks' registry passwords). */
export const jobSchedulePasswordEnvVars = (spec: JobScheduleSpec): string[] => {
  const registries: RegistrySpec[] = JOB_TASKS.flatMap(
    (t) => spec.jobSpecification[t]?.containerSettings?.registry ?? [],
  );
  return [
    ...new Set(registries.filter((r) => r.auth.kind === "password").map((r) => passwordEnvVar(r.server))),
  ];
};

type WireTask = { containerSettings?: { registry?: ContainerRegistry | Record<string, unknown> } };

/**
 * The `POST /jobschedules` body as JSON on the wire (also `az batch job-schedule create --json-file`):
 * dates as ISO strings, registry passwords as `${REGISTRY_PASSWORD_…}` placeholders.
 */
export const toRestJobScheduleBody = (spec: JobScheduleSpec): Record<string, unknown> => {
  const json = JSON.parse(JSON.stringify(toJobScheduleAddParameter(spec))) as Record<string, unknown> & {
    jobSpecification: Partial<Record<(typeof JOB_TASKS)[number], WireTask>>;
  };
  for (const name of JOB_TASKS) {
    const settings = json.jobSpecification[name]?.containerSettings;
    if (settings?.registry) settings.registry = toWireRegistry(settings.registry);
  }
  return json;
};

export const exportJobScheduleRestJson = (spec: JobScheduleSpec): string =>
  `${JSON.stringify(toRestJobScheduleBody(spec), null, 2)}\n`;

/** `az batch job-schedule create --json-file job-schedule.json` with the file it reads. */
export const exportJobScheduleAzCli = (spec: JobScheduleSpec, options: AzCliOptions = {}): AzCliExport => {
  const fileName = "job-schedule.json";
  const command = azJsonFileCommand("job-schedule", fileName, jobSchedulePasswordEnvVars(spec), options);
  return { fileName, fileContent: exportJobScheduleRestJson(spec), command };
};
