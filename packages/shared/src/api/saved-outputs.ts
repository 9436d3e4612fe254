import { z } from "zod";

/**
 * A task's saved outputs: the blobs its output files went to, read through the BFF on behalf of
 * the signed-in operator. They stay in Storage after the container and the node are gone, so
 * these routes read Storage, never the node. The read routes are the file routes' (range, search,
 * download tickets), with a path of "<output file index>/<blob name>".
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
  /** Position in the task's outputFiles: the first segment of a saved output's `path`. */
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
  /** What the read routes (…/saved-outputs/content, /search, /download…) take: "<destination>/<name>". */
  path: z.string(),
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
