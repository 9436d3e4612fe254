/**
 * Tasks per second through the process runtime on one pool of 4 nodes with trivial tasks
 * (`/bin/true`), measured from the first add until the job's last task completed, driven by the
 * real @azure/batch client. Goal (issue 3): >= 200 tasks/s.
 *   pnpm --filter @batch-studio/emulator exec tsx src/batch/task-throughput.bench.ts [TASKS] [SLOTS_PER_NODE] [MAX_CONCURRENT]
 * Prints one JSON line for bench/ and docs/PERFORMANCE.md.
 */
import { spawn } from "node:child_process";
import { PLAIN_VM, startTestAccount, waitFor } from "./testing/account-harness";

/** The machine's own ceiling: bare spawns of /bin/true at the same concurrency, no emulator. */
async function rawSpawnRate(n: number, concurrency: number): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next++ < n) await new Promise((r) => spawn("/bin/true", [], { stdio: "ignore" }).once("exit", r));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return Math.round(n / ((performance.now() - t0) / 1000));
}

const TASKS = Math.max(100, Math.min(20_000, Number(process.argv[2] ?? 2000)));
const SLOTS = Math.max(1, Math.min(64, Number(process.argv[3] ?? 4)));
const MAX_CONCURRENT = Math.max(1, Math.min(256, Number(process.argv[4] ?? 16)));

async function main(): Promise<void> {
  const acct = await startTestAccount({ maxConcurrentTasks: MAX_CONCURRENT });
  try {
    const { client } = acct;
    await client.pool.add({
      id: "four",
      vmSize: "standard_d2s_v3",
      virtualMachineConfiguration: PLAIN_VM,
      targetDedicatedNodes: 4,
      taskSlotsPerNode: SLOTS,
    });
    await waitFor(
      () => client.computeNode.list("four"),
      (ns) => ns.length === 4 && ns.every((n) => n.state === "idle"),
      30_000,
      "4 idle nodes",
    );
    await client.job.add({ id: "tp", poolInfo: { poolId: "four" } });
    const t0 = performance.now();
    for (let b = 0; b * 100 < TASKS; b++)
      await client.task.addCollection(
        "tp",
        Array.from({ length: Math.min(100, TASKS - b * 100) }, (_, i) => ({
          id: `t${b * 100 + i}`,
          commandLine: "/bin/true",
        })),
      );
    const addedAt = performance.now();
    const counts = await waitFor(
      () => client.job.getTaskCounts("tp"),
      (c) => c.taskCounts.completed === TASKS,
      600_000,
      "all tasks completed",
    );
    const seconds = (performance.now() - t0) / 1000;
    const baseline = await rawSpawnRate(Math.min(TASKS, 500), Math.min(MAX_CONCURRENT, 4 * SLOTS));
    const result = {
      bench: "batch-task-throughput",
      runtime: acct.handle.runtimeInfo.kind,
      nodes: 4,
      taskSlotsPerNode: SLOTS,
      maxConcurrentTasks: MAX_CONCURRENT,
      tasks: TASKS,
      succeeded: counts.taskCounts.succeeded,
      addSeconds: +((addedAt - t0) / 1000).toFixed(2),
      totalSeconds: +seconds.toFixed(2),
      tasksPerSecond: Math.round(TASKS / seconds),
      rawSpawnsPerSecond: baseline,
    };
    console.log(
      `${TASKS} tasks on 4 nodes: ${result.tasksPerSecond} tasks/s (${result.totalSeconds}s); bare spawn of /bin/true here: ${baseline}/s`,
    );
    console.log(JSON.stringify(result));
  } finally {
    await acct.dispose();
  }
}

await main();
