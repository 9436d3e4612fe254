/** Container-related request fields shared by pools, start tasks and tasks. */
import { invalidProperty } from "../http/batch-error";
import type { ContainerRegistryWire, StartTaskWire, TaskContainerSettingsWire } from "../model/types";
import {
  bodyObjectAt,
  boolField,
  enumField,
  intField,
  nameValueList,
  objectField,
  requiredString,
  stringField,
  type Obj,
} from "./fields";
import { resourceFilesFrom } from "./data-files";

export function registryFrom(o: Obj, path: string): ContainerRegistryWire {
  const username = stringField(o, "username", path);
  const password = stringField(o, "password", path);
  const identity = objectField(o, "identityReference", path);
  if (username && password === undefined)
    throw invalidProperty(`${path}.password`, "A password is required with a username.");
  if (!username && password !== undefined)
    throw invalidProperty(`${path}.username`, "A username is required with a password.");
  const out: ContainerRegistryWire = {
    registryServer: stringField(o, "registryServer", path) ?? "docker.io",
  };
  if (username !== undefined) Object.assign(out, { username, password });
  if (identity)
    out.identityReference = { resourceId: stringField(identity, "resourceId", `${path}.identityReference`) };
  return out;
}

export function containerSettingsFrom(
  o: Obj,
  name: string,
  path: string,
): TaskContainerSettingsWire | undefined {
  const cs = objectField(o, name, path);
  if (!cs) return undefined;
  const p = path ? `${path}.${name}` : name;
  const imageName = requiredString(cs, "imageName", p);
  if (/\s/.test(imageName))
    throw invalidProperty(`${p}.imageName`, "An image reference cannot contain blanks.", imageName);
  const registry = objectField(cs, "registry", p);
  const out: TaskContainerSettingsWire = {
    imageName,
    containerRunOptions: stringField(cs, "containerRunOptions", p),
    workingDirectory:
      enumField(cs, "workingDirectory", ["taskWorkingDirectory", "containerImageDefault"] as const, p) ??
      "taskWorkingDirectory",
  };
  if (out.containerRunOptions === undefined) delete out.containerRunOptions;
  if (registry) out.registry = registryFrom(registry, `${p}.registry`);
  return out;
}

/** The pool's start task; containerSettings only on a pool with a containerConfiguration. */
export function startTaskFrom(o: Obj, path: string, containerPool: boolean): StartTaskWire | undefined {
  const st = objectField(o, "startTask", path);
  if (!st) return undefined;
  const p = path ? `${path}.startTask` : "startTask";
  const containerSettings = containerSettingsFrom(st, "containerSettings", p);
  if (containerSettings && !containerPool)
    throw invalidProperty(
      `${p}.containerSettings`,
      "containerSettings can only be used on a pool with a containerConfiguration.",
    );
  const commandLine = requiredString(st, "commandLine", p, true);
  if (commandLine.trim() === "" && !containerSettings)
    throw invalidProperty(`${p}.commandLine`, "The command line must not be empty.");
  const out: StartTaskWire = {
    ...st,
    commandLine,
    maxTaskRetryCount: intField(st, "maxTaskRetryCount", p, -1, 100) ?? 0,
    waitForSuccess: boolField(st, "waitForSuccess", p) ?? true,
    userIdentity: objectField(st, "userIdentity", p) ?? {
      autoUser: { scope: "pool", elevationLevel: "nonadmin" },
    },
  };
  const env = nameValueList(st, "environmentSettings", p);
  if (env) out.environmentSettings = env;
  if (containerSettings) out.containerSettings = containerSettings;
  const resourceFiles = resourceFilesFrom(st, p);
  if (resourceFiles) out.resourceFiles = resourceFiles;
  return out;
}

export function stringList(o: Obj, name: string, path: string): string[] | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalidProperty(`${path}.${name}`, "Expected a JSON array of strings.");
  return v.map((x, i) => {
    if (typeof x !== "string" || x.trim() === "")
      throw invalidProperty(`${path}.${name}[${i}]`, "Expected a non-empty string.");
    return x;
  });
}

export { bodyObjectAt };
