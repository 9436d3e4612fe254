import type { TaskSummary } from "@batch-studio/shared";
import type { ApiClient } from "../auth/apiClient";
import { errorMessage } from "../auth/apiError";
import { callRoute } from "../api/callRoute";
import type { TaskFilter } from "../api/keys";

/** Requests in flight at once: enough to finish thousands of tasks in minutes, few enough not to crowd the BFF's per-operator budget. */
export const BULK_CONCURRENCY = 8;

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
 * Aborting `signal` stops sending more; requests already sent are let finish (aborting a sent
 * request would not undo it in Batch, only hide its answer). An error is recorded per item and
 * never stops the run.
 */
export async function runBulk(
  ids: readonly string[],
  act: (id: string) => Promise<unknown>,
  opts: { onProgress(p: BulkProgress): void; signal?: AbortSignal; concurrency?: number },
): Promise<BulkProgress> {
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
        await act(id);
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
