import { z } from "zod";
import { FileContentQuery, FileDownloadQuery } from "./files";

/**
 * A task's saved outputs: the blobs its output files went to, read through the BFF on behalf of
 * the signed-in operator. They stay in Storage after the container and the node are gone, so
 * these routes read Storage, never the node.
 */

/**
 * How the BFF can read one destination's container: with the destination's own SAS when it grants
 * read (and list, for a pattern), with the auto-storage account's key (read through ARM) when the
 * container is in that account, or not at all (`reason` says why and what would help).
 */
export const SavedOutputAccess = z.enum(["sas", "accountKey", "none"]);
export type SavedOutputAccess = z.infer<typeof SavedOutputAccess>;

/** One of the task's output files, as the portal shows it: where it went, never the SAS. */
export const SavedOutputDestination = z.object({
  /** Position in the task's outputFiles; the content routes name a destination by it. */
  index: z.number().int().min(0),
  filePattern: z.string(),
  uploadCondition: z.enum(["taskSuccess", "taskFailure", "taskCompletion"]),
  /** The container's URL without its query. */
  containerUrl: z.string(),
  /** The blob (single-file pattern) or virtual folder (pattern with wildcards), if any. */
  path: z.string().optional(),
  access: SavedOutputAccess,
  reason: z.string().optional(),
});
export type SavedOutputDestination = z.infer<typeof SavedOutputDestination>;

/** One blob a destination holds for the task. */
export const SavedOutput = z.object({
  destination: z.number().int().min(0),
  /** The blob's name in its container, e.g. "run1/result.csv". */
  name: z.string(),
  size: z.number(),
  lastModified: z.string().optional(),
  contentType: z.string().optional(),
});
export type SavedOutput = z.infer<typeof SavedOutput>;

export const SavedOutputsResponse = z.object({
  destinations: z.array(SavedOutputDestination),
  items: z.array(SavedOutput),
});
export type SavedOutputsResponse = z.infer<typeof SavedOutputsResponse>;

const destination = () =>
  z.coerce
    .number({ error: "destination must be the index of one of the task's output files" })
    .int("destination must be a whole number")
    .min(0, "destination cannot be negative");

/** `path` is the blob name; the same range contract as a task's own files (start/end or tail). */
export const SavedOutputContentQuery = FileContentQuery.and(z.object({ destination: destination() }));
export type SavedOutputContentQuery = z.input<typeof SavedOutputContentQuery>;

export const SavedOutputDownloadQuery = FileDownloadQuery.extend({ destination: destination() });
export type SavedOutputDownloadQuery = z.input<typeof SavedOutputDownloadQuery>;
