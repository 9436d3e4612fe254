/**
 * How a failed resource-file download or output-file upload ends a task, in Batch's words: the
 * TaskFailureInformationCodes of the Batch SDKs, category usererror, and the file named in a
 * FilePath detail (the shape of Microsoft Learn's "Batch error codes" sample). Messages never hold
 * a URL's query string: it is a SAS.
 */
import { RestError } from "@azure/storage-blob";
import { ConfinedPathError } from "../files/confined-path";
import type { RuntimeFailure } from "../runtime/task-runtime";

export type TransferCode =
  | "BlobNotFound"
  | "BlobAccessDenied"
  | "ResourceContainerAccessDenied"
  | "BlobDownloadMiscError"
  | "ResourceFileCreateFailed"
  | "ResourceFileWriteFailed"
  | "DiskFull"
  | "FileUploadAccessDenied"
  | "FileUploadMiscError";

const MESSAGES: Record<TransferCode, string> = {
  BlobNotFound: "The specified blob does not exist.",
  BlobAccessDenied: "Access for one of the specified Azure Blob(s) is denied",
  ResourceContainerAccessDenied: "Access for one of the specified Azure Blob container(s) is denied",
  BlobDownloadMiscError: "An error occurred when trying to download a resource file required for the task.",
  ResourceFileCreateFailed: "The compute node could not create a local file for a resource file of the task.",
  ResourceFileWriteFailed: "The compute node could not write a resource file of the task.",
  DiskFull:
    "The compute node disk ran out of space when downloading the resource files required for the task.",
  FileUploadAccessDenied: "Access to the Azure Storage Container for uploading Output Files was denied.",
  FileUploadMiscError: "The compute node hit an unexpected error when uploading Output Files.",
};

/** A URL fit for a message: scheme, host and path, never the query (a SAS) or user info. */
export function withoutQuery(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "(not a URL)";
  }
}

/** The HTTP status a storage or HTTP failure carries, if any. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    url: string,
  ) {
    super(`HTTP ${status} from ${withoutQuery(url)}`);
  }
}

export const statusOf = (e: unknown): number | undefined =>
  e instanceof RestError ? e.statusCode : e instanceof HttpStatusError ? e.status : undefined;

/** The storage error code (AuthenticationFailed, ContainerNotFound, …) the service answered. */
const storageCode = (e: unknown): string | undefined =>
  e instanceof RestError && typeof e.code === "string" ? e.code : undefined;

export function transferFailure(code: TransferCode, filePath: string, reason: string): RuntimeFailure {
  return {
    category: "usererror",
    code,
    message: MESSAGES[code],
    details: [
      { name: "FilePath", value: filePath },
      { name: "Message", value: reason },
    ],
  };
}

/** A property of a thrown value that may be anything. */
const prop = (v: unknown, key: string): unknown =>
  typeof v === "object" && v !== null ? Reflect.get(v, key) : undefined;
const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

/** A system error's code, also when fetch wraps it ("fetch failed", cause ECONNREFUSED). */
const errnoOf = (e: unknown): string | undefined =>
  text(prop(e, "code")) ?? text(prop(prop(e, "cause"), "code"));

/** Why a transfer failed, for the Message detail: the status and storage code, or a local reason. */
export function reasonOf(e: unknown, url?: string): string {
  const status = statusOf(e);
  if (status !== undefined) {
    const code = storageCode(e);
    return `HTTP ${status}${code ? ` (${code})` : ""}${url ? ` from ${withoutQuery(url)}` : ""}`;
  }
  if (e instanceof ConfinedPathError) return `${e.message.split(":")[0]}`;
  const errno = errnoOf(e);
  if (errno) return errno;
  // A message that may quote a URL (and so a SAS) is replaced by the error's name.
  const safe = (m: unknown) => {
    const t = text(m);
    return t && !/:\/\/|\?/.test(t) ? t : undefined;
  };
  if (e instanceof Error && !(e instanceof RestError))
    return [safe(e.message) ?? e.name, safe(prop(prop(e, "cause"), "message"))].filter(Boolean).join(": ");
  return "unknown error";
}

/** A download failure's code: the remote side's answer, or what went wrong on the node. */
export function downloadCode(e: unknown, listing: boolean): TransferCode {
  const status = statusOf(e);
  if (status === 404) return "BlobNotFound";
  if (status === 401 || status === 403) return listing ? "ResourceContainerAccessDenied" : "BlobAccessDenied";
  if (status !== undefined) return "BlobDownloadMiscError";
  if (e instanceof ConfinedPathError) return "ResourceFileCreateFailed";
  const errno = errnoOf(e);
  if (errno === "ENOSPC") return "DiskFull";
  if (errno && /^E[A-Z]+$/.test(errno) && !errno.startsWith("ECONN") && errno !== "ENOTFOUND")
    return "ResourceFileWriteFailed";
  return "BlobDownloadMiscError";
}

export function uploadCode(e: unknown): TransferCode {
  const status = statusOf(e);
  return status === 401 || status === 403 ? "FileUploadAccessDenied" : "FileUploadMiscError";
}
