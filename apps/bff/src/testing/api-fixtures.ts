import { apiPaths, type NodeSummary, type TaskDetails } from "@batch-studio/shared";

/** Polls `probe` every 200 ms until it answers something, or fails naming what never happened. */
export const until = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

/** A JSON call to the BFF as some signed-in operator. */
export type JsonCall = <T>(path: string, init?: RequestInit) => Promise<T>;

/**
 * Through the BFF's API: a one-node container pool, a job on it, and one task run to completion,
 * so file tests have real output written by the emulator (process runtime is enough).
 */
export async function completedTask(json: JsonCall, account: string, ids: { pool: string; job: string; task: string }, commandLine: string) {
  await json(apiPaths.pools(account), {
    method: "POST",
    body: JSON.stringify({
      id: ids.pool,
      vmSize: "standard_d2s_v3",
      image: { kind: "marketplace", publisher: "microsoft-azure-batch", offer: "ubuntu-server-container", sku: "20-04-lts" },
      nodeAgentSkuId: "batch.node.ubuntu 20.04",
      container: { prefetchImages: [], registries: [] },
      scale: { dedicated: 1, spot: 0, resizeTimeout: "PT15M" },
    }),
  });
  await until("an idle node", async () => {
    const list = await json<{ items: NodeSummary[] }>(apiPaths.nodes(account, ids.pool));
    return list.items.length > 0 && list.items.every((n) => n.state === "idle") ? true : undefined;
  });
  await json(apiPaths.jobs(account), { method: "POST", body: JSON.stringify({ id: ids.job, poolId: ids.pool }) });
  await json(apiPaths.tasks(account, ids.job), {
    method: "POST",
    body: JSON.stringify({ id: ids.task, commandLine, containerSettings: { imageName: "busybox:latest" } }),
  });
  await until("the task to complete", async () =>
    (await json<TaskDetails>(apiPaths.task(account, ids.job, ids.task))).state === "completed" ? true : undefined,
  );
}
