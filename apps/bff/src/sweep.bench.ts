/**
 * A 1,000-task sweep through the BFF (the portal's path: the shared sweep expansion, 10 addTasks
 * requests of 100, each checked by the shared rules, then Batch's task collection), against the
 * same 1,000 tasks added straight to the emulator with @azure/batch's addCollection in 10
 * requests, in the same run. Goal: 1,000 tasks in ≤ 5 s through the BFF.
 * Run: pnpm --filter @batch-studio/bff exec tsx src/sweep.bench.ts   (prints one JSON line)
 */
import { apiUrl, sweepChunks, toTaskAddParameter, type TaskSpecInput } from "@batch-studio/shared";
import { benchSession, readyJob } from "./testing/bench-support";
import { startLocalStack } from "./testing/local-stack";

const TASKS = Number(process.env.BENCH_SWEEP_TASKS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const stack = await startLocalStack({ overrides: { logLevel: "warn" }, separateEmulator: true, runtime: "process" });
try {
  const session = await benchSession(stack);
  // Tasks stay queued (the job's pool has one node): what is measured is adding them, not running them.
  const template = (round: number, via: string): TaskSpecInput => ({ id: `${via}-${round}-{i:5}`, commandLine: "/bin/sh -c 'sleep 3600'", containerSettings: { imageName: "busybox:latest" } });
  const range = { from: 1, to: TASKS };
  const bffMs: number[] = [];
  const directMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const { jobId } = await readyJob(session, `sweep-${round}`);
    let start = performance.now();
    for (const { tasks } of sweepChunks(template(round, "bff"), range)) {
      const res = await session.api(apiUrl("addTasks", { account: session.accountId, job: jobId }), { method: "POST", body: JSON.stringify({ tasks }) });
      const { results } = (await res.json()) as { results: { status: string }[] };
      if (res.status !== 200 || results.some((r) => r.status !== "success")) throw new Error(`addTasks answered ${res.status}`);
    }
    bffMs.push(performance.now() - start);
    start = performance.now();
    for (const { tasks } of sweepChunks(template(round, "sdk"), range)) {
      const answer = await session.direct.task.addCollection(jobId, tasks.map((t) => toTaskAddParameter(t)));
      if ((answer.value ?? []).some((r) => r.status !== "success")) throw new Error("addCollection refused a task");
    }
    directMs.push(performance.now() - start);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const bff = median(bffMs);
  const direct = median(directMs);
  console.log(
    JSON.stringify({
      tasks: TASKS,
      rounds: ROUNDS,
      bffMedianMs: Math.round(bff),
      bffTasksPerSecond: Math.round((TASKS / bff) * 1000),
      directSdkMedianMs: Math.round(direct),
      ratio: +(bff / direct).toFixed(2),
      bffRunsMs: bffMs.map(Math.round),
      directRunsMs: directMs.map(Math.round),
    }),
  );
} finally {
  await stack.close();
}
