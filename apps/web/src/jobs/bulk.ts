import type { TaskSummary } from "@batch-studio/shared";
import type { ApiClient, ApiInit } from "../auth/apiClient";
import { errorMessage } from "../auth/apiError";
import { callRoute } from "../api/callRoute";
import type { TaskFilter } from "../api/keys";

/** Requests in flight at once: enough to finish thousands of tasks in minutes, few enough not to crowd the BFF's per-operator budget. */
export const BULK_CONCURRENCY = 8;

/**
 * The header every request of one bulk run carries, so the BFF's audit events of the run can be
 * found together (the BFF accepts one lowercase UUID, as crypto.randomUUID() writes it).
 */
export const BULK_OPERATION_HEADER = "x-bulk-operation-id";

/** One run of runBulk: the id all of its requests share. */
export interface BulkRun {
  operationId: string;
}

/** `api` as one bulk run's requests go out: every call names the run. */
export function inBulkRun(api: ApiClient, run: BulkRun): ApiClient {
  const named = (init: ApiInit = {}): ApiInit => ({ ...init, headers: { ...init.headers, [BULK_OPERATION_HEADER]: run.operationId } });
  return {
    json: <T>(path: string, init?: ApiInit) => api.json<T>(path, named(init)),
    raw: (path: string, init?: ApiInit) => api.raw(path, named(init)),
    ...(api.connection ? { connection: api.connection } : {}),
  };
}

export interface BulkFailure {
  id: string;
  message: string;
}

export interface BulkProgress {
  total: number;
  /** Items answered, whether they succeeded or failed. */
  done: number;
  failures: BulkFailure[];
  /** Cancelled before every item was sent; items already sent still finish. */
  cancelled: boolean;
}

/**
 * Runs `act` on every id, at most `concurrency` at a time, reporting progress after each answer.
 * Each run gets a new operation id, handed to every `act` (send it with inBulkRun).
 * Aborting `signal` stops sending more; requests already sent are let finish (aborting a sent
 * request would not undo it in Batch, only hide its answer). An error is recorded per item and
 * never stops the run.
 */
export async function runBulk(
  ids: readonly string[],
  act: (id: string, run: BulkRun) => Promise<unknown>,
  opts: { onProgress(p: BulkProgress): void; signal?: AbortSignal; concurrency?: number },
): Promise<BulkProgress> {
  const run: BulkRun = { operationId: crypto.randomUUID() };
  const progress: BulkProgress = { total: ids.length, done: 0, failures: [], cancelled: false };
  const report = () => opts.onProgress({ ...progress, failures: [...progress.failures] });
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      if (opts.signal?.aborted) {
        progress.cancelled = true;
        return;
      }
      const id = ids[next++]!;
      try {
        await act(id, run);
      } catch (e) {
        progress.failures.push({ id, message: errorMessage(e) });
      }
      progress.done++;
      report();
    }
  };
  report();
  await Promise.all(
    Array.from({ length: Math.min(opts.concurrency ?? BULK_CONCURRENCY, ids.length) }, worker),
  );
  return progress;
}

/** The largest page the tasks route serves: collecting every match of a filter takes the fewest requests. */
const COLLECT_PAGE_SIZE = 1000;

/** Every task of the job that matches `filter` (Batch filters; this follows the cursor to the end). */
export async function collectTasks(
  api: ApiClient,
  account: string,
  job: string,
  filter: TaskFilter,
  signal?: AbortSignal,
): Promise<TaskSummary[]> {
  const tasks: TaskSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await callRoute(
      api,
      "tasks",
      { account, job },
      { signal, query: { ...filter, pageSize: COLLECT_PAGE_SIZE, cursor } },
    );
    tasks.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return tasks;
}
