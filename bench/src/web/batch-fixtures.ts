/**
 * What the browser benches need in the account, created through the real @azure/batch client the
 * way an operator's script would: pools, a job, many tasks, a task with a big stdout.
 */
import type { BatchServiceClient, BatchServiceModels } from "@azure/batch";

/** A plain Linux image from the emulator's supported list (as the seeded demo pool uses). */
export const PLAIN_LINUX = {
  imageReference: { publisher: "canonical", offer: "0001-com-ubuntu-server-jammy", sku: "22_04-lts", version: "latest" },
  nodeAgentSKUId: "batch.node.ubuntu 22.04",
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A pool with `nodes` dedicated nodes (0: tasks queued on it stay active, nothing runs). */
export async function addPlainPool(batch: BatchServiceClient, id: string, nodes = 0): Promise<void> {
  await batch.pool.add({ id, vmSize: "standard_d2s_v3", virtualMachineConfiguration: PLAIN_LINUX, targetDedicatedNodes: nodes });
}

/** Adds `count` tasks through addCollection in chunks of 100 (the REST limit), `parallel` at a time. */
export async function addManyTasks(
  batch: BatchServiceClient,
  jobId: string,
  count: number,
  task: (index: number) => BatchServiceModels.TaskAddParameter,
  parallel = 4,
): Promise<number> {
  const started = performance.now();
  const chunks = Math.ceil(count / 100);
  let next = 0;
  const worker = async () => {
    for (let chunk = next++; chunk < chunks; chunk = next++) {
      const value = Array.from({ length: Math.min(100, count - chunk * 100) }, (_, i) => task(chunk * 100 + i));
      const result = await batch.task.addCollection(jobId, value);
      const failed = (result.value ?? []).filter((r) => r.status !== "success");
      if (failed.length > 0) throw new Error(`addCollection rejected ${failed.length} task(s), e.g. ${JSON.stringify(failed[0])}`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return (performance.now() - started) / 1000;
}

/** Polls until `predicate` holds (bounded); fails with `what` on timeout. */
export async function pollUntil<T>(what: string, read: () => Promise<T>, predicate: (value: T) => boolean, timeoutMs: number, everyMs = 1000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (predicate(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs / 1000} s (last: ${JSON.stringify(value).slice(0, 300)})`);
    await sleep(everyMs);
  }
}
