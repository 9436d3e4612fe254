import { z } from "zod";

/*
 * Data into and out of a task (docs/azure-batch-notes.md, "Data in and out"): resource files are
 * downloaded into the task's working directory before its command runs, output files uploaded to
 * blob containers after it exits. The source and destination are discriminated unions, so "exactly
 * one of httpUrl / storageContainerUrl / autoStorageContainerName" holds by construction.
 */

/** One file by URL (any HTTP(S) URL Batch can GET, e.g. a blob with a SAS). */
export const HttpResourceSource = z.object({
  kind: z.literal("http"),
  url: z.string().min(1, "file URL is required"),
});

/** Every blob of a container (under `blobPrefix`), by the container's SAS URL (read + list). */
export const ContainerResourceSource = z.object({
  kind: z.literal("container"),
  containerUrl: z.string().min(1, "container URL is required"),
  blobPrefix: z.string().optional(),
});

/** Every blob of a container in the Batch account's auto-storage account (Batch signs the read). */
export const AutoStorageResourceSource = z.object({
  kind: z.literal("autoStorage"),
  containerName: z.string().min(1, "container name is required"),
  blobPrefix: z.string().optional(),
});

export const ResourceFileSource = z.discriminatedUnion("kind", [
  HttpResourceSource,
  ContainerResourceSource,
  AutoStorageResourceSource,
]);
export type ResourceFileSource = z.infer<typeof ResourceFileSource>;

export const ResourceFileSpec = z.object({
  source: ResourceFileSource,
  /** Relative to the task's working directory: the file (http) or the folder the blobs go to. */
  filePath: z.string().optional(),
  /** Octal mode on Linux nodes, e.g. "0644". */
  fileMode: z.string().optional(),
});
export type ResourceFileSpec = z.infer<typeof ResourceFileSpec>;

/** A container by its SAS URL (write permission), as Batch's OutputFileBlobContainerDestination takes it. */
export const ContainerOutputDestination = z.object({
  kind: z.literal("container"),
  containerUrl: z.string().min(1, "container URL is required"),
  /** Blob name (one file) or virtual folder (a pattern with wildcards). */
  path: z.string().optional(),
});

/**
 * "Save to the account's storage": a container of the Batch account's auto-storage account. The
 * BFF turns it into a container destination with a short-lived write SAS when the task is added,
 * so the operator never pastes a SAS (docs/CONFIGURATION.md, "Saved outputs").
 */
export const AccountStorageOutputDestination = z.object({
  kind: z.literal("accountStorage"),
  containerName: z
    .string()
    .regex(
      /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/,
      "container names are 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit",
    ),
  path: z.string().optional(),
});

export const OutputFileDestination = z.discriminatedUnion("kind", [
  ContainerOutputDestination,
  AccountStorageOutputDestination,
]);
export type OutputFileDestination = z.infer<typeof OutputFileDestination>;

export const OutputUploadCondition = z.enum(["taskSuccess", "taskFailure", "taskCompletion"]);

export const OutputFileSpec = z.object({
  /** Relative to the task's working directory; `*`, `**`, `?`, `[…]`; `../std*.txt` for the std files. */
  filePattern: z.string().min(1, "file pattern is required"),
  destination: OutputFileDestination,
  uploadCondition: OutputUploadCondition.default("taskCompletion"),
});
export type OutputFileSpec = z.infer<typeof OutputFileSpec>;
export type OutputFileSpecInput = z.input<typeof OutputFileSpec>;
