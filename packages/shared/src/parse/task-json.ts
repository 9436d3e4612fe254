import { z } from "zod";
import { fromCloudTask } from "../convert/from-cloud-task";
import { keepUrl } from "../convert/task-data";
import { ExitConditionsSpec } from "../exit-conditions-spec";
import type { TaskSpecInput } from "../task-spec";
import type { SpecPath, ValidationIssue } from "../validation-result";
import { parseParts } from "./parse-spec";

/*
 * A task as Batch's REST API takes it ("Task - Add" TaskAddParameter, the file
 * `az batch task create --json-file` reads), back into the form's spec. The wire names are
 * @azure/batch's, so once its shape is checked it converts as a task read from Batch does
 * (fromCloudTask), except that URLs keep their SAS: the operator pasted them for Batch to use.
 */

/** Batch fields this portal's task spec does not carry, with what the operator should know. */
const NOT_CARRIED = new Map<z.ZodType, string>();
const notCarried = (why: string) => {
  // Read as nothing, so what is left out never reaches the spec (a password, a token).
  const schema = z.unknown().transform((): undefined => undefined).optional();
  NOT_CARRIED.set(schema, why);
  return schema;
};

/** REST spells some enums in camel case and @azure/batch in lower case; the service ignores case. */
const lowerEnum = <const V extends readonly [string, ...string[]]>(values: V, error: string) =>
  z
    .string({ error })
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(values, { error }));

const IDENTITY = "A managed identity (identityReference) is not set from this form; the file is read with its URL or the account's storage instead.";

const WireContainerSettings = z.object({
  imageName: z.string(),
  containerRunOptions: z.string().optional(),
  registry: z
    .object({
      registryServer: z.string().optional(),
      userName: z.string().optional(),
      password: notCarried("A registry password is never read from JSON."),
      identityReference: z.object({ resourceId: z.string() }).optional(),
    })
    .optional(),
  workingDirectory: z.enum(["taskWorkingDirectory", "containerImageDefault"], { error: "workingDirectory is taskWorkingDirectory or containerImageDefault" }).optional(),
});

const WireResourceFile = z
  .object({
    httpUrl: z.string().optional(),
    storageContainerUrl: z.string().optional(),
    autoStorageContainerName: z.string().optional(),
    blobPrefix: z.string().optional(),
    filePath: z.string().optional(),
    fileMode: z.string().optional(),
    identityReference: notCarried(IDENTITY),
  })
  .refine((f) => [f.httpUrl, f.storageContainerUrl, f.autoStorageContainerName].filter((s) => s !== undefined).length === 1, {
    error: "A resource file names exactly one of httpUrl, storageContainerUrl or autoStorageContainerName",
  });

const WireOutputFile = z.object({
  filePattern: z.string(),
  destination: z.object({
    container: z.object({
      containerUrl: z.string(),
      path: z.string().optional(),
      identityReference: notCarried(IDENTITY),
      uploadHeaders: notCarried("Upload headers are not set from this form; the blobs get Storage's defaults."),
    }),
  }),
  uploadOptions: z.object({
    uploadCondition: lowerEnum(["tasksuccess", "taskfailure", "taskcompletion"], "uploadCondition is taskSuccess, taskFailure or taskCompletion"),
  }),
});

/** TaskAddParameter's fields (Batch REST 2022-10-01.16.0, @azure/batch 10.2.0). */
const WireTask = z.object({
  id: z.string(),
  displayName: z.string().optional(),
  commandLine: z.string().optional(),
  containerSettings: WireContainerSettings.optional(),
  exitConditions: ExitConditionsSpec.optional(),
  resourceFiles: z.array(WireResourceFile).optional(),
  outputFiles: z.array(WireOutputFile).optional(),
  environmentSettings: z.array(z.object({ name: z.string(), value: z.string().optional() })).optional(),
  affinityInfo: notCarried("Node affinity (affinityInfo) is not set from this form; Batch places the task on any node."),
  constraints: z
    .object({ maxWallClockTime: z.string().optional(), retentionTime: z.string().optional(), maxTaskRetryCount: z.number().int().optional() })
    .optional(),
  requiredSlots: z.number().int().optional(),
  userIdentity: z
    .object({
      userName: notCarried("A named user account is not set from this form; the task runs as an automatic user (elevated or not)."),
      autoUser: z
        .object({
          scope: z.enum(["task", "pool"], { error: "scope is task or pool" }).optional(),
          elevationLevel: lowerEnum(["nonadmin", "admin"], "elevationLevel is nonAdmin or admin").optional(),
        })
        .optional(),
    })
    .optional(),
  multiInstanceSettings: notCarried("Multi-instance (MPI) tasks are not added from this form."),
  dependsOn: z
    .object({
      taskIds: z.array(z.string()).optional(),
      taskIdRanges: z.array(z.object({ start: z.number().int(), end: z.number().int() })).optional(),
    })
    .optional(),
  applicationPackageReferences: z.array(z.object({ applicationId: z.string(), version: z.string().optional() })).optional(),
  authenticationTokenSettings: notCarried("Authentication tokens for the task are not set from this form."),
});

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Fields of `value` the schema does not know, and known fields this form does not carry, as
 * warnings at their JSON path; the walk follows the schema through its wrappers.
 */
function uncarriedFields(schema: z.ZodType, value: unknown, path: SpecPath, issues: ValidationIssue[]): void {
  if (value === undefined) return;
  const why = NOT_CARRIED.get(schema);
  if (why !== undefined) {
    issues.push({ path, level: "warning", code: "json.notCarried", message: `${why} It is left out.` });
    return;
  }
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) return uncarriedFields(schema.unwrap() as z.ZodType, value, path, issues);
  if (schema instanceof z.ZodPipe) return uncarriedFields(schema.in as z.ZodType, value, path, issues);
  if (schema instanceof z.ZodArray && Array.isArray(value)) {
    value.forEach((item, i) => uncarriedFields(schema.element as z.ZodType, item, [...path, i], issues));
    return;
  }
  if (schema instanceof z.ZodObject && isRecord(value)) {
    const shape: Record<string, z.ZodType> = schema.shape;
    for (const [key, v] of Object.entries(value)) {
      const field = shape[key];
      if (field) uncarriedFields(field, v, [...path, key], issues);
      else issues.push({ path: [...path, key], level: "warning", code: "json.unknownField", message: `"${key}" is not a field Batch takes here; it is left out.` });
    }
  }
}

/** A JSON path as people write it: containerSettings.registry, resourceFiles[0].httpUrl. */
export const jsonPathText = (path: SpecPath): string =>
  path.reduce<string>((text, p) => (typeof p === "number" ? `${text}[${p}]` : text ? `${text}.${p}` : p), "") || "(the whole task)";

export interface TaskJsonImport {
  /** What the form is filled with: every field that was read; absent when there was no task to read. */
  spec?: TaskSpecInput;
  /** Errors: fields left out because they are malformed; warnings: fields left out on purpose. Paths are JSON paths. */
  issues: ValidationIssue[];
}

/** V8 names where the text stops being JSON; the message itself may quote the text (a SAS), so only the position is kept. */
const syntaxProblem = (error: unknown): string => {
  const position = error instanceof Error ? /position (\d+)/.exec(error.message)?.[1] : undefined;
  return `This is not JSON${position ? ` (it stops being JSON at character ${Number(position) + 1})` : ""}; paste a task as Batch's REST API takes it.`;
};

/**
 * A pasted or picked TaskAddParameter JSON → the spec to fill the form with, and what was left out
 * and why. Never throws, and never logs: the text may hold SAS URLs.
 */
export function parseTaskJson(text: string): TaskJsonImport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { issues: [{ path: [], level: "error", code: "json.syntax", message: syntaxProblem(error) }] };
  }
  if (!isRecord(json)) return { issues: [{ path: [], level: "error", code: "json.notATask", message: "A task is a JSON object ({ \"id\": …, \"commandLine\": … })." }] };
  const issues: ValidationIssue[] = [];
  uncarriedFields(WireTask, json, [], issues);
  const { parts, issues: malformed } = parseParts(WireTask, json);
  issues.push(...malformed.map((i) => ({ ...i, message: `${i.message}; the field is left out.` })));
  if (parts.userIdentity?.autoUser?.scope === "pool")
    issues.push({ path: ["userIdentity", "autoUser", "scope"], level: "warning", code: "json.notCarried", message: "The form runs each task as its own automatic user (scope task), not the pool's." });
  // fromCloudTask reads only a task with an id; one without still fills the rest, its id left to type.
  const read = fromCloudTask({ ...parts, id: parts.id || "imported" }, keepUrl);
  if (!read) return { issues };
  const { containerSettings, ...rest } = read;
  const spec: TaskSpecInput = { ...rest, id: parts.id ?? "" };
  if (containerSettings) {
    // A login without its password cannot be used: the pool's registry credentials apply, or the form asks for the login.
    const { registry, ...settings } = containerSettings;
    const keep = registry && registry.auth.kind === "identity";
    spec.containerSettings = keep ? { ...settings, registry } : settings;
    if (registry && !keep)
      issues.push({
        path: ["containerSettings", "registry"],
        level: "warning",
        code: "json.notCarried",
        message: `The login for ${registry.server} is not taken from JSON: a container task pulls with the pool's registry credentials, or the form asks for a login when the pool has none.`,
      });
  }
  return { spec, issues };
}
