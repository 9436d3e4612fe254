import type { NodeFile, TaskDetails } from "@batch-studio/shared";
import type { QueryClient } from "@tanstack/react-query";
import { jobKeys } from "./keys";

/*
 * A task file's follow stream is the freshest word on the task (its state, its exit code) and on
 * the file (its size). Its events are written into the query cache, into the same entries the
 * task page's polls fill, so the header, the tabs and the viewer all read one answer. While a
 * stream is open the polls step aside for what it knows: the task's poll pauses, and the listing's
 * poll keeps the streamed file's size (the listing lags a running task by seconds).
 */

export interface TaskRef {
  account: string;
  job: string;
  task: string;
}

export interface TaskFileRef extends TaskRef {
  path: string;
}

export type Listing = { items: NodeFile[] };

/** The listing with `path` at `size`; a file the listing has not seen yet is added. No listing yet: none made up. */
export function listingWithSize(
  listing: Listing | undefined,
  path: string,
  size: number,
): Listing | undefined {
  if (!listing) return undefined;
  const i = listing.items.findIndex((f) => f.name === path && !f.isDirectory);
  if (i >= 0 && listing.items[i]?.size === size) return listing;
  const file: NodeFile = { ...listing.items[i], name: path, isDirectory: false, size };
  return {
    ...listing,
    items: i >= 0 ? listing.items.map((f, j) => (j === i ? file : f)) : [...listing.items, file],
  };
}

/** The task with the state (and exit code) the stream reported; unchanged when the stream says nothing new. */
export function taskWithState(
  task: TaskDetails | undefined,
  state: string | undefined,
  exitCode?: number,
): TaskDetails | undefined {
  if (
    !task ||
    state === undefined ||
    (task.state === state && (exitCode === undefined || task.exitCode === exitCode))
  )
    return task;
  return { ...task, state, ...(exitCode !== undefined ? { exitCode } : {}) };
}

const keyOf = (ref: TaskRef) => JSON.stringify(jobKeys.task(ref.account, ref.job, ref.task));

/** Open streams per client and task: the paths they follow (a path twice when two viewers follow it). */
const openStreams = new WeakMap<QueryClient, Map<string, string[]>>();

/** True while a follow stream of this task is open: the stream then tells its state. */
export function isFollowed(client: QueryClient, ref: TaskRef): boolean {
  return (openStreams.get(client)?.get(keyOf(ref))?.length ?? 0) > 0;
}

/** A fresh listing, with the size of every file a stream follows taken from the cache (where the stream writes it). */
export function withStreamedSizes(client: QueryClient, ref: TaskRef, fresh: Listing): Listing {
  const paths = openStreams.get(client)?.get(keyOf(ref)) ?? [];
  const cached = client.getQueryData<Listing>(jobKeys.taskFiles(ref.account, ref.job, ref.task));
  return paths.reduce((listing, path) => {
    const size = cached?.items.find((f) => f.name === path && !f.isDirectory)?.size;
    return size === undefined ? listing : (listingWithSize(listing, path, size) ?? listing);
  }, fresh);
}

/** What the viewer tells the cache about the file it shows and its task (see useOutputFile's `observer`). */
export interface TaskFileObserver {
  /** A stream opened; the returned function says it closed (once is enough, more do nothing). */
  opened(): () => void;
  /** The file's size, as the viewer learned it (opening it, or from the stream). */
  size(size: number): void;
  /** The task's state (and exit code) as the stream reported it. */
  state(state: string | undefined, exitCode?: number): void;
}

export function taskFileObserver(client: QueryClient, ref: TaskFileRef): TaskFileObserver {
  const taskKey = jobKeys.task(ref.account, ref.job, ref.task);
  const filesKey = jobKeys.taskFiles(ref.account, ref.job, ref.task);
  return {
    opened() {
      const streams = openStreams.get(client) ?? new Map<string, string[]>();
      openStreams.set(client, streams);
      const key = keyOf(ref);
      streams.set(key, [...(streams.get(key) ?? []), ref.path]);
      let open = true;
      return () => {
        if (!open) return;
        open = false;
        const paths = [...(streams.get(key) ?? [])];
        paths.splice(paths.indexOf(ref.path), 1);
        streams.set(key, paths);
        // The polls take over again: one fetch now brings what the stream does not carry (result, end time, other files).
        void client.invalidateQueries({ queryKey: taskKey });
      };
    },
    size: (n) => client.setQueryData<Listing>(filesKey, (old) => listingWithSize(old, ref.path, n)),
    state: (s, exitCode) =>
      client.setQueryData<TaskDetails>(taskKey, (old) => taskWithState(old, s, exitCode)),
  };
}
