/**
 * A pool of 1,000 nodes: time to all-idle, a node list page, 100 tasks spread over it, deletion.
 *   pnpm --filter @batch-studio/emulator exec tsx src/batch/node-scale.bench.ts [NODES]
 * Prints one JSON line for bench/ and docs/PERFORMANCE.md.
 */
import { PLAIN_VM, startTestAccount, waitFor } from "./testing/account-harness";

const NODES = Math.max(10, Math.min(5000, Number(process.argv[2] ?? 1000)));

const acct = await startTestAccount();
try {
  const { client } = acct;
  const t0 = performance.now();
  await client.pool.add({
    id: "big",
    vmSize: "standard_d2s_v3",
    virtualMachineConfiguration: PLAIN_VM,
    targetDedicatedNodes: NODES,
  });
  await waitFor(
    () => client.account.listPoolNodeCounts(),
    (c) => c[0]?.dedicated?.idle === NODES,
    300_000,
    "all idle",
  );
  const idleMs = performance.now() - t0;
  const t1 = performance.now();
  const listed = await client.computeNode.list("big");
  const listMs = performance.now() - t1;
  await client.job.add({ id: "j", poolInfo: { poolId: "big" } });
  const t2 = performance.now();
  await client.task.addCollection(
    "j",
    Array.from({ length: 100 }, (_, i) => ({ id: `t${i}`, commandLine: "/bin/true" })),
  );
  await waitFor(
    () => client.job.getTaskCounts("j"),
    (c) => c.taskCounts.completed === 100,
    300_000,
    "tasks done",
  );
  const tasksMs = performance.now() - t2;
  const t3 = performance.now();
  await client.pool.deleteMethod("big");
  await waitFor(
    async () => (await client.pool.exists("big")).body,
    (e) => !e,
    300_000,
    "pool deleted",
  );
  const deleteMs = performance.now() - t3;
  const r = (x: number) => Math.round(x);
  console.log(
    JSON.stringify({
      bench: "batch-node-scale",
      nodes: NODES,
      allIdleMs: r(idleMs),
      nodeListPage: listed.length,
      nodeListMs: r(listMs),
      hundredTasksMs: r(tasksMs),
      deleteMs: r(deleteMs),
    }),
  );
} finally {
  await acct.dispose();
}
