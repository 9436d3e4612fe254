import { apiUrl, type AccountsResponse, type NodeSummary, type PoolSpecInput, type TaskDetails } from "@batch-studio/shared";
import { startLocalStack, type LocalStack } from "./local-stack";

/** Polls `probe` every 200 ms until it answers something, or fails naming what never happened. */
export const until = async <T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

/**
 * A route's path (its query, if any, dropped) with `query` exactly as given, valid or not: the
 * shared path builders take only valid values, and tests also send what the BFF must refuse.
 */
export const withRawQuery = (path: string, query: Record<string, string | number>): string =>
  `${path.split("?")[0]}?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`;

/** A JSON call to the BFF as some signed-in operator. */
export type JsonCall = <T>(path: string, init?: RequestInit) => Promise<T>;

/** The BFF's API as one operator: `call` answers the Response as it is; `json` the parsed body of a 2xx, or throws with the status and body. */
export interface OperatorApi {
  call(path: string, init?: RequestInit): Promise<Response>;
  json: JsonCall;
  /** The id of the first Batch account the operator can see (the seed's contosoweu). */
  firstAccount(): Promise<string>;
}

export function operatorApi(bffUrl: string, token: string): OperatorApi {
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${bffUrl}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body ? { "content-type": "application/json" } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  const json: JsonCall = async <T>(path: string, init?: RequestInit) => {
    const res = await call(path, init);
    const text = await res.text();
    if (!res.ok) throw new Error(`${init?.method ?? "GET"} ${path} → ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };
  return {
    call,
    json,
    firstAccount: async () =>
      (await json<AccountsResponse>(apiUrl("accounts", {}))).subscriptions[0]!.accounts[0]!.id,
  };
}

/** The spec of a one-node Ubuntu container pool with no images or registries, plus `extra` settings. */
export const oneNodePool = (id: string, extra: Partial<PoolSpecInput> = {}): PoolSpecInput => ({
  id,
  vmSize: "standard_d2s_v3",
  image: { kind: "marketplace", publisher: "microsoft-azure-batch", offer: "ubuntu-server-container", sku: "20-04-lts" },
  nodeAgentSkuId: "batch.node.ubuntu 20.04",
  container: { prefetchImages: [], registries: [] },
  scale: { dedicated: 1, spot: 0, resizeTimeout: "PT15M" },
  ...extra,
});

/**
 * Through the BFF's API: a one-node container pool, a job on it, and one task run to completion,
 * so file tests have real output written by the emulator (process runtime is enough).
 */
export async function completedTask(
  json: JsonCall,
  account: string,
  ids: { pool: string; job: string; task: string },
  commandLine: string,
) {
  await json(apiUrl("pools", { account }), { method: "POST", body: JSON.stringify(oneNodePool(ids.pool)) });
  await until("an idle node", async () => {
    const list = await json<{ items: NodeSummary[] }>(apiUrl("nodes", { account, pool: ids.pool }));
    return list.items.length > 0 && list.items.every((n) => n.state === "idle") ? true : undefined;
  });
  await json(apiUrl("jobs", { account }), {
    method: "POST",
    body: JSON.stringify({ id: ids.job, poolId: ids.pool }),
  });
  await json(apiUrl("tasks", { account, job: ids.job }), {
    method: "POST",
    body: JSON.stringify({ id: ids.task, commandLine, containerSettings: { imageName: "busybox:latest" } }),
  });
  await until("the task to complete", async () =>
    (await json<TaskDetails>(apiUrl("task", { account, job: ids.job, task: ids.task }))).state === "completed"
      ? true
      : undefined,
  );
}

/**
 * A local stack (tasks as host processes: no Docker) with one task run to completion, and the
 * signed-in operator's API, for tests of what the BFF serves from a task's files.
 */
export async function stackWithCompletedTask(name: string, commandLine: string) {
  const stack: LocalStack = await startLocalStack({ runtime: "process" });
  const api = operatorApi(stack.bffUrl, await stack.signIn());
  const account = await api.firstAccount();
  const ids = { pool: `${name}-pool-${Date.now()}`, job: `${name}-job-${Date.now()}`, task: "writer" };
  await completedTask(api.json, account, ids, commandLine);
  return { stack, api, account, job: ids.job, task: ids.task };
}
