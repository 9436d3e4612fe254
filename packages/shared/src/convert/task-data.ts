import type { OutputFileSpec, ResourceFileSpec } from "../task-data-spec";
import type { OutputFile, ResourceFile } from "./batch-models";
import { withoutSas } from "../grammar/sas";
import { compact } from "./container-parts";

/**
 * The container URL (with a write SAS) for an "account storage" destination. Only the BFF can
 * answer it (it signs for the operator), so specs holding such destinations are converted there.
 */
export type ContainerUrlOf = (containerName: string) => string;

const unresolved: ContainerUrlOf = (name) => {
  throw new Error(
    `the account-storage destination "${name}" must be resolved to a container URL before conversion`,
  );
};

type UploadCondition = OutputFileSpec["uploadCondition"];

/**
 * What becomes of a URL read back into a spec: from Batch its SAS is dropped (withoutSas); from
 * JSON the operator pasted, it is kept as written (`keepUrl`), since it goes back to Batch as theirs.
 */
export type UrlReading = (url: string) => string;
export const keepUrl: UrlReading = (url) => url;

/** @azure/batch 10.2.0 spells the conditions in lower case; the REST docs in camel case (the service ignores case). */
const toUploadCondition = {
  taskSuccess: "tasksuccess",
  taskFailure: "taskfailure",
  taskCompletion: "taskcompletion",
} as const satisfies Record<UploadCondition, OutputFile["uploadOptions"]["uploadCondition"]>;

const fromUploadCondition = (condition: string): UploadCondition =>
  condition.toLowerCase() === "tasksuccess"
    ? "taskSuccess"
    : condition.toLowerCase() === "taskfailure"
      ? "taskFailure"
      : "taskCompletion";

export const toResourceFile = (file: ResourceFileSpec): ResourceFile => {
  const s = file.source;
  const source =
    s.kind === "http"
      ? { httpUrl: s.url }
      : s.kind === "container"
        ? compact({ storageContainerUrl: s.containerUrl, blobPrefix: s.blobPrefix })
        : compact({ autoStorageContainerName: s.containerName, blobPrefix: s.blobPrefix });
  return compact({ ...source, filePath: file.filePath, fileMode: file.fileMode });
};

export const toOutputFile = (
  file: OutputFileSpec,
  containerUrlOf: ContainerUrlOf = unresolved,
): OutputFile => {
  const d = file.destination;
  const containerUrl = d.kind === "container" ? d.containerUrl : containerUrlOf(d.containerName);
  return {
    filePattern: file.filePattern,
    destination: { container: compact({ containerUrl, path: d.path }) },
    uploadOptions: { uploadCondition: toUploadCondition[file.uploadCondition] },
  };
};

export const toResourceFiles = (files: ResourceFileSpec[] | undefined): ResourceFile[] | undefined =>
  files?.length ? files.map(toResourceFile) : undefined;

export const toOutputFiles = (
  files: OutputFileSpec[] | undefined,
  containerUrlOf?: ContainerUrlOf,
): OutputFile[] | undefined =>
  files?.length ? files.map((f) => toOutputFile(f, containerUrlOf)) : undefined;

/**
 * Batch's ResourceFile back to a spec. SAS queries are dropped: what comes back from Batch is shown
 * to the operator and cloned, and a signature must not travel that way (re-enter or re-sign it).
 * Undefined when the file names no source.
 */
export const fromResourceFile = (file: ResourceFile, readUrl: UrlReading = withoutSas): ResourceFileSpec | undefined => {
  const source: ResourceFileSpec["source"] | undefined = file.httpUrl
    ? { kind: "http", url: readUrl(file.httpUrl) }
    : file.storageContainerUrl
      ? compact({
          kind: "container" as const,
          containerUrl: readUrl(file.storageContainerUrl),
          blobPrefix: file.blobPrefix,
        })
      : file.autoStorageContainerName
        ? compact({
            kind: "autoStorage" as const,
            containerName: file.autoStorageContainerName,
            blobPrefix: file.blobPrefix,
          })
        : undefined;
  return source && compact({ source, filePath: file.filePath, fileMode: file.fileMode });
};

/** Batch's OutputFile back to a spec: a container destination without its SAS. */
export const fromOutputFile = (file: OutputFile, readUrl: UrlReading = withoutSas): OutputFileSpec => ({
  filePattern: file.filePattern,
  destination: compact({
    kind: "container" as const,
    containerUrl: readUrl(file.destination.container?.containerUrl ?? ""),
    path: file.destination.container?.path,
  }),
  uploadCondition: fromUploadCondition(file.uploadOptions.uploadCondition),
});

export const fromResourceFiles = (files: ResourceFile[] | undefined, readUrl: UrlReading = withoutSas): ResourceFileSpec[] | undefined => {
  const specs = (files ?? []).flatMap((f) => fromResourceFile(f, readUrl) ?? []);
  return specs.length ? specs : undefined;
};

export const fromOutputFiles = (files: OutputFile[] | undefined, readUrl: UrlReading = withoutSas): OutputFileSpec[] | undefined =>
  files?.length ? files.map((f) => fromOutputFile(f, readUrl)) : undefined;
