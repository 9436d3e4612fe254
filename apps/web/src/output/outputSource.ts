import { apiUrl, type DownloadTicket, type FileSearchResult } from "@batch-studio/shared";
import { callRoute } from "../api/callRoute";
import type { TaskFileRef } from "../api/liveTask";
import type { ApiClient } from "../auth/apiClient";

/** Where a file's bytes come from: the same routes exist for task files and node files. */
export interface OutputSource {
  /** Stable identity for effects and cache. */
  key: string;
  fileName: string;
  content(start: number, end: number): string;
  /** The content route read of the file's last `bytes` bytes (the whole file if smaller), resolved by the BFF. */
  tail(bytes: number): string;
  /** Absent for files that never grow (saved outputs: blobs written once). */
  follow?(from: number): string;
  /** Mints a single-use download link (a plain link cannot carry the bearer token). */
  downloadTicket(api: ApiClient): Promise<DownloadTicket>;
  /** The BFF's whole-file search: the first match from `from` on, or the last one before it. */
  search(api: ApiClient, q: { q: string; from: number; direction: "forward" | "backward" }, signal?: AbortSignal): Promise<FileSearchResult>;
  /** A task's file: what the viewer learns of it (size, the task's state) goes into that task's query cache. */
  task?: TaskFileRef;
}

export const taskFileSource = (account: string, job: string, task: string, path: string): OutputSource => ({
  key: `task:${account}:${job}:${task}:${path}`,
  fileName: path.split("/").pop() ?? path,
  content: (start, end) => apiUrl("taskFileContent", { account, job, task }, { path, start, end }),
  tail: (bytes) => apiUrl("taskFileContent", { account, job, task }, { path, tail: bytes }),
  follow: (from) => apiUrl("taskFileFollow", { account, job, task }, { path, from }),
  downloadTicket: (api) => callRoute(api, "taskFileDownloadTicket", { account, job, task }, { query: { path } }),
  search: (api, q, signal) => callRoute(api, "taskFileSearch", { account, job, task }, { query: { path, ...q }, signal }),
  task: { account, job, task, path },
});

/** One of a task's saved outputs: `path` is "<output file index>/<blob name>", read from Storage by the BFF. */
export const savedOutputSource = (account: string, job: string, task: string, path: string): OutputSource => ({
  key: `saved:${account}:${job}:${task}:${path}`,
  fileName: path.split("/").pop() ?? path,
  content: (start, end) => apiUrl("taskSavedOutputFileContent", { account, job, task }, { path, start, end }),
  tail: (bytes) => apiUrl("taskSavedOutputFileContent", { account, job, task }, { path, tail: bytes }),
  downloadTicket: (api) => callRoute(api, "taskSavedOutputFileDownloadTicket", { account, job, task }, { query: { path } }),
  search: (api, q, signal) => callRoute(api, "taskSavedOutputFileSearch", { account, job, task }, { query: { path, ...q }, signal }),
});

export const nodeFileSource = (account: string, pool: string, node: string, path: string): OutputSource => ({
  key: `node:${account}:${pool}:${node}:${path}`,
  fileName: path.split("/").pop() ?? path,
  content: (start, end) => apiUrl("nodeFileContent", { account, pool, node }, { path, start, end }),
  tail: (bytes) => apiUrl("nodeFileContent", { account, pool, node }, { path, tail: bytes }),
  follow: (from) => apiUrl("nodeFileFollow", { account, pool, node }, { path, from }),
  downloadTicket: (api) => callRoute(api, "nodeFileDownloadTicket", { account, pool, node }, { query: { path } }),
  search: (api, q, signal) => callRoute(api, "nodeFileSearch", { account, pool, node }, { query: { path, ...q }, signal }),
});

/** Bytes per range request: the tail opened first, and each "load earlier". */
export const WINDOW_BYTES = 64 * 1024;

/**
 * Bytes kept in memory while the reader follows at the live edge: older windows are dropped (and
 * fetched again by "load earlier"). Up to the hard limit while they read elsewhere, so the text in
 * view stays put; past it the far end is dropped too. Drops take a quarter more, so they are rare.
 */
export const MEMORY_BYTES = 4 * 1024 * 1024;
export const MEMORY_HARD_BYTES = 8 * 1024 * 1024;

/** A #L link needs the file read from its start: in larger steps, and only this far. */
export const LINE_SCAN_STEP = 1024 * 1024;
export const LINE_SCAN_LIMIT = 64 * 1024 * 1024;

/** The byte range [start, end] (inclusive) of the window that ends just before `before`. */
export function windowBefore(before: number, size = WINDOW_BYTES): { start: number; end: number } | undefined {
  if (before <= 0) return undefined;
  return { start: Math.max(0, before - size), end: before - 1 };
}

/** "12.3 KB" */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}
