/**
 * First page of a 100,000-task list through the real @azure/batch client (maxresults 1000 and the
 * default, plus a filtered page). The tasks sit in a job whose pool has no nodes, so they stay
 * active and nothing runs. Goal (issue 3): first page <= 50 ms.
 *   pnpm --filter @batch-studio/emulator exec tsx src/batch/task-list.bench.ts [TASKS] [ROUNDS]
 * Prints a table and one JSON line for bench/ and docs/PERFORMANCE.md.
 */
import { PLAIN_VM, startTestAccount } from "./testing/account-harness";

const TASKS = Math.max(100, Math.min(200_000, Number(process.argv[2] ?? 100_000)));
const ROUNDS = Math.max(3, Math.min(100, Number(process.argv[3] ?? 20)));

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

async function time(rounds: number, fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return { median: +percentile(samples, 0.5).toFixed(2), p95: +percentile(samples, 0.95).toFixed(2) };
}

async function main(): Promise<void> {
  const acct = await startTestAccount();
  try {
    const { client } = acct;
    await client.pool.add({ id: "empty", vmSize: "standard_d2s_v3", virtualMachineConfiguration: PLAIN_VM });
    await client.job.add({ id: "big", poolInfo: { poolId: "empty" } });
    const t0 = performance.now();
    const batches = Math.ceil(TASKS / 100);
    let next = 0;
    const worker = async () => {
      for (let b = next++; b < batches; b = next++) {
        const value = Array.from({ length: Math.min(100, TASKS - b * 100) }, (_, i) => ({
          id: `task-${String(b * 100 + i).padStart(6, "0")}`,
          commandLine: "/bin/true",
        }));
        await client.task.addCollection("big", value);
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    const addSeconds = (performance.now() - t0) / 1000;

    const results = {
      tasks: TASKS,
      addTasksPerSecond: Math.round(TASKS / addSeconds),
      firstPageMax1000Ms: await time(ROUNDS, () =>
        client.task.list("big", { taskListOptions: { maxResults: 1000 } }),
      ),
      firstPageDefaultMs: await time(ROUNDS, () => client.task.list("big")),
      // The same request without the SDK's model mapping: the wire cost (server + JSON.parse).
      firstPageRawMs: await time(ROUNDS, () =>
        client.sendRequest({
          method: "GET",
          url: `${acct.handle.url}/jobs/big/tasks?api-version=2022-10-01.16.0&maxresults=1000`,
        }),
      ),
      firstPageMax100Ms: await time(ROUNDS, () =>
        client.task.list("big", { taskListOptions: { maxResults: 100 } }),
      ),
      filteredScanMs: await time(ROUNDS, () =>
        client.task.list("big", { taskListOptions: { maxResults: 1, filter: "id ge 'task-099000'" } }),
      ),
      taskCountsMs: await time(ROUNDS, () => client.job.getTaskCounts("big")),
    };
    console.table({
      "first page, maxresults=1000": results.firstPageMax1000Ms,
      "first page, default": results.firstPageDefaultMs,
      "first page, raw HTTP (no SDK mapping)": results.firstPageRawMs,
      "first page, maxresults=100": results.firstPageMax100Ms,
      "filtered page (scan to task-099000)": results.filteredScanMs,
      taskcounts: results.taskCountsMs,
    });
    console.log(`added ${TASKS} tasks at ${results.addTasksPerSecond} tasks/s`);
    console.log(JSON.stringify({ bench: "batch-task-list", ...results }));
  } finally {
    await acct.dispose();
  }
}

await main();
