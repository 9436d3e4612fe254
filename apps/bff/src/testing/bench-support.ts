import { BatchServiceClient } from "@azure/batch";
import type { HttpClient } from "@azure/ms-rest-js";
import { accountIdOf, apiUrl, type AccountsResponse } from "@batch-studio/shared";
import { batchCredentials } from "../auth/downstream-credentials";
import { createMetadataSource } from "../auth/openid-metadata";
import { createTokenVerifier } from "../auth/token-verifier";
import type { LocalStack } from "./local-stack";

export const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export const summarize = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: +percentile(s, 50).toFixed(2), p99: +percentile(s, 99).toFixed(2), max: +s[s.length - 1]!.toFixed(2) };
};

export const timeMs = async (fn: () => Promise<unknown>): Promise<number> => {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

/**
 * Signs in, finds contosoweu, and builds a direct @azure/batch client with the same OBO token
 * (with `httpClient`, the same transport the BFF gives its own clients; else the SDK's default).
 */
export const benchSession = async (stack: LocalStack, httpClient?: HttpClient) => {
  // Ada holds Contributor and Batch data access in the local Azure: the bench measures work, not refusals.
  const token = await stack.signIn("Ada Lovelace");
  const headers = { authorization: `Bearer ${token}` };
  const accounts = (await (await fetch(`${stack.bffUrl}${apiUrl("accounts", {})}`, { headers })).json()) as AccountsResponse;
  const account = accounts.subscriptions.flatMap((s) => s.accounts).find((a) => a.name === "contosoweu")!;
  const accountId = accountIdOf({ subscriptionId: account.subscriptionId, resourceGroup: account.resourceGroup, accountName: account.name });
  const operator = await createTokenVerifier(stack.config, createMetadataSource(stack.config))(`Bearer ${token}`);
  const direct = new BatchServiceClient(batchCredentials(stack.bff.services.tokens, operator), `http://${account.endpoint}`, {
    noRetryPolicy: true,
    ...(httpClient ? { httpClient } : {}),
  });
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${stack.bffUrl}${path}`, { ...init, headers: { ...headers, ...(init.body ? { "content-type": "application/json" } : {}) } });
  return { token, headers, accountId, direct, api, operator, batchUrl: `http://${account.endpoint}` };
};

/** A pool with one idle node and a job on it, ready for tasks. */
export const readyJob = async (session: Awaited<ReturnType<typeof benchSession>>, prefix: string) => {
  const poolId = `${prefix}-pool`;
  const jobId = `${prefix}-job`;
  const created = await session.api(apiUrl("pools", { account: session.accountId }), {
    method: "POST",
    body: JSON.stringify({
      id: poolId,
      vmSize: "standard_d2s_v3",
      image: { kind: "marketplace", publisher: "microsoft-azure-batch", offer: "ubuntu-server-container", sku: "20-04-lts" },
      nodeAgentSkuId: "batch.node.ubuntu 20.04",
      container: { prefetchImages: [], registries: [] },
      scale: { dedicated: 1 },
    }),
  });
  if (created.status !== 201) throw new Error(`pool create: ${created.status} ${await created.text()}`);
  for (let i = 0; i < 300; i++) {
    const nodes = (await (await session.api(apiUrl("nodes", { account: session.accountId, pool: poolId }))).json()) as { items: { state: string }[] };
    if (nodes.items.length > 0 && nodes.items.every((n) => n.state === "idle")) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const job = await session.api(apiUrl("jobs", { account: session.accountId }), { method: "POST", body: JSON.stringify({ id: jobId, poolId }) });
  if (job.status !== 201) throw new Error(`job create: ${job.status} ${await job.text()}`);
  return { poolId, jobId };
};

export const waitForTask = async (session: Awaited<ReturnType<typeof benchSession>>, jobId: string, taskId: string, timeoutMs = 600_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const t = (await (await session.api(apiUrl("task", { account: session.accountId, job: jobId, task: taskId }))).json()) as { state: string; exitCode?: number };
    if (t.state === "completed") return t;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`task ${taskId} did not complete`);
};
