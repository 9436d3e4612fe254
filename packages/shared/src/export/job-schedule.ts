import { toJobScheduleAddParameter } from "../convert/job-schedule";
import type { ContainerRegistry } from "../convert/batch-models";
import type { JobScheduleSpec } from "../job-schedule-spec";
import type { RegistrySpec } from "../registry-spec";
import { azJsonFileCommand, type AzCliExport, type AzCliOptions } from "./az-cli";
import { pyString } from "./code-writer";
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

/**
 * Python (azure-batch): the same REST body, read by the SDK's own model. msrest's `from_dict` takes
 * the wire names, so the script cannot drift from the JSON export. Registry passwords come from
 * the environment: only strings that are exactly a `${REGISTRY_PASSWORD_…}` placeholder are
 * replaced, so a command line's `$VAR` stays as it is.
 */
export const exportJobSchedulePython = (spec: JobScheduleSpec): string => {
  const usesEnv = jobSchedulePasswordEnvVars(spec).length > 0;
  const body = pyString(JSON.stringify(toRestJobScheduleBody(spec)));
  return [
    "import json",
    ...(usesEnv ? ["import os", "import re"] : []),
    "",
    "import azure.batch.models as batchmodels",
    "",
    "# client = azure.batch.BatchServiceClient(credentials, batch_url=...)  (sign in with Microsoft Entra ID)",
    "",
    `body = json.loads(${body})`,
    ...(usesEnv
      ? [
          "",
          "# Registry passwords are read from the environment, never written in code.",
          "def with_passwords(value):",
          "    if isinstance(value, dict):",
          "        return {k: with_passwords(v) for k, v in value.items()}",
          "    if isinstance(value, list):",
          "        return [with_passwords(v) for v in value]",
          "    placeholder = isinstance(value, str) and re.fullmatch(r'\\$\\{(REGISTRY_PASSWORD_[A-Z0-9_]+)\\}', value)",
          "    return os.environ[placeholder.group(1)] if placeholder else value",
          "",
          "body = with_passwords(body)",
        ]
      : []),
    "",
    "client.job_schedule.add(batchmodels.JobScheduleAddParameter.from_dict(body))",
    "",
  ].join("\n");
};
