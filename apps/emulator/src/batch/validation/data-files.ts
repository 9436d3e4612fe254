/**
 * Resource files and output files of tasks and start tasks (REST "Task - Add", ResourceFile and
 * OutputFile). Checked when the entity is added so that a task that could never get its files fails
 * with a 400 naming the field. URLs are never echoed in an error: they carry SAS tokens.
 */
import { posix } from "node:path";
import { invalidProperty } from "../http/batch-error";
import type { OutputFileUploadCondition, OutputFileWire, ResourceFileWire } from "../model/types";
import {
  arrayField,
  bodyObjectAt,
  objectField,
  requiredObject,
  requiredString,
  stringField,
  type Obj,
} from "./fields";

const at = (path: string, name: string) => (path ? `${path}.${name}` : name);

function urlField(o: Obj, name: string, path: string, required: boolean): string | undefined {
  const v = required ? requiredString(o, name, path) : stringField(o, name, path);
  if (v === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(v);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:"))
    throw invalidProperty(at(path, name), "Expected an absolute http or https URL.");
  return v;
}

/** A path relative to the working directory that stays inside it (no "..", not absolute). */
function relativePath(v: string, field: string): string {
  if (v.includes("\0")) throw invalidProperty(field, "The path contains a NUL character.");
  if (v.startsWith("/") || /^[A-Za-z]:[\\/]/.test(v) || v.startsWith("\\"))
    throw invalidProperty(field, "The path must be relative to the task's working directory.", v);
  if (v.split(/[\\/]/).includes(".."))
    throw invalidProperty(field, "The path cannot break out of the task's working directory ('..').", v);
  return v;
}

const FILE_MODE = /^[0-7]{3,4}$/;

function resourceFileFrom(o: Obj, path: string): ResourceFileWire {
  const httpUrl = urlField(o, "httpUrl", path, false);
  const storageContainerUrl = urlField(o, "storageContainerUrl", path, false);
  const autoStorageContainerName = stringField(o, "autoStorageContainerName", path);
  const sources = [httpUrl, storageContainerUrl, autoStorageContainerName].filter((s) => s !== undefined);
  if (sources.length !== 1)
    throw invalidProperty(
      path,
      "Exactly one of autoStorageContainerName, storageContainerUrl and httpUrl must be specified.",
    );
  const out: ResourceFileWire = {};
  if (httpUrl !== undefined) out.httpUrl = httpUrl;
  if (storageContainerUrl !== undefined) out.storageContainerUrl = storageContainerUrl;
  if (autoStorageContainerName !== undefined) {
    if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(autoStorageContainerName))
      throw invalidProperty(
        at(path, "autoStorageContainerName"),
        "A container name has 3 to 63 lower-case letters, digits and single hyphens.",
        autoStorageContainerName,
      );
    out.autoStorageContainerName = autoStorageContainerName;
  }
  const blobPrefix = stringField(o, "blobPrefix", path);
  if (blobPrefix !== undefined) {
    if (httpUrl !== undefined)
      throw invalidProperty(
        at(path, "blobPrefix"),
        "blobPrefix is valid only with autoStorageContainerName or storageContainerUrl.",
      );
    out.blobPrefix = blobPrefix;
  }
  const filePath = stringField(o, "filePath", path);
  if (filePath === undefined || filePath === "") {
    if (httpUrl !== undefined)
      throw invalidProperty(at(path, "filePath"), "filePath is required with httpUrl: it names the file.");
  } else {
    out.filePath = relativePath(filePath, at(path, "filePath"));
    if (httpUrl !== undefined && /[\\/]$/.test(filePath))
      throw invalidProperty(
        at(path, "filePath"),
        "With httpUrl, filePath names a file, not a folder.",
        filePath,
      );
  }
  const fileMode = stringField(o, "fileMode", path);
  if (fileMode !== undefined) {
    if (!FILE_MODE.test(fileMode))
      throw invalidProperty(
        at(path, "fileMode"),
        "Expected an octal file mode such as 0644 or 770.",
        fileMode,
      );
    out.fileMode = fileMode;
  }
  const identity = objectField(o, "identityReference", path);
  if (identity)
    out.identityReference = {
      resourceId: stringField(identity, "resourceId", at(path, "identityReference")),
    };
  return out;
}

export function resourceFilesFrom(o: Obj, path: string): ResourceFileWire[] | undefined {
  const p = at(path, "resourceFiles");
  return arrayField(o, "resourceFiles", path)?.map((item, i) =>
    resourceFileFrom(bodyObjectAt(item, `${p}[${i}]`), `${p}[${i}]`),
  );
}

const CONDITIONS: readonly OutputFileUploadCondition[] = ["tasksuccess", "taskfailure", "taskcompletion"];

function outputFileFrom(o: Obj, path: string): OutputFileWire {
  const filePattern = requiredString(o, "filePattern", path);
  const patternField = at(path, "filePattern");
  // A pattern with variables ($AZ_BATCH_TASK_DIR/…) is checked when it is expanded, on the node.
  if (!filePattern.includes("$")) {
    if (filePattern.startsWith("/") || /^[A-Za-z]:[\\/]/.test(filePattern))
      throw invalidProperty(
        patternField,
        "An absolute path on the node is not emulated: use a path relative to the working directory, or $AZ_BATCH_TASK_DIR/….",
        filePattern,
      );
    // Relative to wd; one level up ("../std*.txt") is the task folder, anything above it is not the task's.
    if (posix.normalize(`wd/${filePattern}`).startsWith(".."))
      throw invalidProperty(patternField, "The pattern leads outside the task's folder.", filePattern);
  }
  const destination = requiredObject(o, "destination", path);
  const dp = at(path, "destination");
  const container = requiredObject(destination, "container", dp);
  const cp = at(dp, "container");
  const out: OutputFileWire = {
    filePattern,
    destination: { container: { containerUrl: urlField(container, "containerUrl", cp, true) ?? "" } },
    uploadOptions: { uploadCondition: "taskcompletion" },
  };
  const blobPath = stringField(container, "path", cp);
  if (blobPath !== undefined && blobPath !== "") out.destination.container.path = blobPath;
  const identity = objectField(container, "identityReference", cp);
  if (identity)
    out.destination.container.identityReference = {
      resourceId: stringField(identity, "resourceId", at(cp, "identityReference")),
    };
  const headers = arrayField(container, "uploadHeaders", cp);
  if (headers)
    out.destination.container.uploadHeaders = headers.map((h, i) => {
      const hp = `${at(cp, "uploadHeaders")}[${i}]`;
      const entry = bodyObjectAt(h, hp);
      return { name: requiredString(entry, "name", hp), value: stringField(entry, "value", hp) ?? "" };
    });
  const options = requiredObject(o, "uploadOptions", path);
  const op = at(path, "uploadOptions");
  const condition = requiredString(options, "uploadCondition", op).toLowerCase();
  const known = CONDITIONS.find((c) => c === condition);
  if (!known)
    throw invalidProperty(
      at(op, "uploadCondition"),
      "Expected taskSuccess, taskFailure or taskCompletion.",
      condition,
    );
  out.uploadOptions.uploadCondition = known;
  return out;
}

export function outputFilesFrom(o: Obj, path: string): OutputFileWire[] | undefined {
  const p = at(path, "outputFiles");
  return arrayField(o, "outputFiles", path)?.map((item, i) =>
    outputFileFrom(bodyObjectAt(item, `${p}[${i}]`), `${p}[${i}]`),
  );
}
