import { hasSasSignature } from "../../grammar/sas";
import type { Rule } from "../rule";
import type { TaskDataFacts } from "../task-data-facts";

const SOURCE =
  'Batch REST ResourceFile (2022-10-01): "storageContainerUrl … must be readable and listable from compute nodes", via a SAS, a managed identity, or a public container; filePath "cannot … contain \'..\' or be an absolute path"';

export const resourceFileContainerSas: Rule<TaskDataFacts> = {
  code: "resourceFile.containerUrlNeedsSas",
  area: "resource files",
  level: "error",
  summary: "A storageContainerUrl carries a SAS (sig=) with read and list permissions.",
  source: SOURCE,
  check: ({ dataSets }, emit) => {
    for (const { at, resourceFiles } of dataSets)
      (resourceFiles ?? []).forEach((file, i) => {
        if (file.source.kind !== "container" || hasSasSignature(file.source.containerUrl)) return;
        emit(
          [...at, "resourceFiles", i, "source", "containerUrl"],
          `The container URL "${file.source.containerUrl}" has no shared access signature (no sig= in its query), so the nodes cannot list or read the container's blobs; paste the container's SAS URL (read and list permissions), or pick "from the account's storage" instead.`,
        );
      });
  },
};

/** Absolute on Linux or Windows ("/x", "\\x", "C:\x", "C:/x"), or stepping up with "..". */
const escapesWorkingDirectory = (path: string): string | undefined => {
  if (/^([/\\]|[A-Za-z]:)/.test(path)) return "is absolute";
  if (path.split(/[/\\]/).includes("..")) return 'contains ".."';
  return undefined;
};

export const resourceFileRelativePath: Rule<TaskDataFacts> = {
  code: "resourceFile.filePathRelative",
  area: "resource files",
  level: "error",
  summary: "A resource file's filePath is relative to the task's working directory, without '..'.",
  source: SOURCE,
  check: ({ dataSets }, emit) => {
    for (const { at, resourceFiles } of dataSets)
      (resourceFiles ?? []).forEach((file, i) => {
        const reason = file.filePath === undefined ? undefined : escapesWorkingDirectory(file.filePath);
        if (reason)
          emit(
            [...at, "resourceFiles", i, "filePath"],
            `The file path "${file.filePath}" ${reason}; resource files are written inside the task's working directory, so give a path relative to it (e.g. "inputs/data.csv").`,
          );
      });
  },
};

export const resourceFileRules = [resourceFileContainerSas, resourceFileRelativePath];
