/**
 * ComputeNode_UploadBatchServiceLogs: the node's agent log lines of a time window, uploaded with
 * @azure/storage-blob into the caller's container (a SAS URL with write permission) under a
 * virtual folder unique per request, `{poolId}/{nodeId}/{guid}/` as Batch names it. Batch uploads
 * its agent's log files that hold a line in the window; the emulator's agent keeps one log, so
 * one file (none when the window is empty).
 */
import { randomUUID } from "node:crypto";
import { ContainerClient, RestError } from "@azure/storage-blob";
import type { AgentLogLine } from "../scheduler/node-agent-log";
import { formatLine } from "../scheduler/node-agent-log";
import { withoutQuery } from "./transfer-failure";

/** The one file the emulator's node agent writes. */
export const AGENT_LOG_FILE = "batch-agent.log";

export interface UploadBatchServiceLogsResult {
  virtualDirectoryName: string;
  numberOfFilesUploaded: number;
}

/** Thrown when the container refuses the upload: status and storage code, never the SAS. */
export class ServiceLogUploadError extends Error {}

export async function uploadBatchServiceLogs(options: {
  containerUrl: string;
  poolId: string;
  nodeId: string;
  lines: readonly AgentLogLine[];
}): Promise<UploadBatchServiceLogsResult> {
  const virtualDirectoryName = `${options.poolId}/${options.nodeId}/${randomUUID()}/`;
  if (options.lines.length === 0) return { virtualDirectoryName, numberOfFilesUploaded: 0 };
  const body = options.lines.map(formatLine).join("\n") + "\n";
  const blob = new ContainerClient(options.containerUrl).getBlockBlobClient(
    virtualDirectoryName + AGENT_LOG_FILE,
  );
  try {
    await blob.upload(body, Buffer.byteLength(body), {
      blobHTTPHeaders: { blobContentType: "text/plain; charset=utf-8" },
    });
  } catch (e) {
    const why =
      e instanceof RestError
        ? `HTTP ${e.statusCode ?? "?"} ${e.code ?? ""}`.trim()
        : e instanceof Error
          ? e.message
          : String(e);
    throw new ServiceLogUploadError(`Uploading to ${withoutQuery(options.containerUrl)} failed: ${why}`);
  }
  return { virtualDirectoryName, numberOfFilesUploaded: 1 };
}
