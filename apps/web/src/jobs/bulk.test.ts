import { describe, expect, it } from "vitest";
import { BULK_OPERATION_HEADER, collectTasks, inBulkRun, runBulk, type BulkProgress, type BulkRun } from "./bulk";
import { fakeApi, problem } from "../test/fakeApi";

/** A call that answers when the test says so. */
function gate() {
  const waiting = new Map<string, { resolve(): void; reject(e: unknown): void }>();
  const act = (id: string) =>
    new Promise<void>((resolve, reject) => void waiting.set(id, { resolve, reject }));
  return { act, waiting };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("runBulk", () => {
  it("keeps at most `concurrency` calls in flight, reports n of N after each answer and lists each failure", async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `t${i}`);
    const { act, waiting } = gate();
    const seen: BulkProgress[] = [];
    const run = runBulk(ids, act, { concurrency: 8, onProgress: (p) => seen.push(p) });
    await settle();
    expect([...waiting.keys()]).toEqual(ids.slice(0, 8));
    expect(seen.at(-1)).toEqual({ total: 20, done: 0, failures: [], cancelled: false });

    waiting.get("t0")!.resolve();
    waiting.get("t1")!.reject(problem(409, "Conflict", { detail: "TaskCompleted: the task has completed" }));
    await settle();
    expect(waiting.size).toBe(10);
    expect(seen.at(-1)).toMatchObject({ done: 2, failures: [{ id: "t1" }] });
    expect(seen.at(-1)!.failures[0]!.message).toMatch(/TaskCompleted/);

    for (let round = 0; round < 3; round++) {
      for (const [id, w] of waiting) if (!["t0", "t1"].includes(id)) w.resolve();
      await settle();
    }
    const result = await run;
    expect(result).toMatchObject({ total: 20, done: 20, cancelled: false });
    expect(result.failures.map((f) => f.id)).toEqual(["t1"]);
  });

  it("stops sending once cancelled, and lets the calls already sent finish", async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `t${i}`);
    const { act, waiting } = gate();
    const abort = new AbortController();
    const run = runBulk(ids, act, { concurrency: 3, signal: abort.signal, onProgress: () => {} });
    await settle();
    abort.abort();
    for (const w of waiting.values()) w.resolve();
    const result = await run;
    expect(waiting.size).toBe(3);
    expect(result).toMatchObject({ total: 10, done: 3, cancelled: true, failures: [] });
  });

  it("hands every call of one run the same new UUID, and the next run another", async () => {
    const runs: [string, BulkRun][] = [];
    const act = (id: string, run: BulkRun) => Promise.resolve(void runs.push([id, run]));
    await runBulk(["a", "b", "c"], act, { concurrency: 2, onProgress: () => {} });
    await runBulk(["d"], act, { onProgress: () => {} });
    const ids = runs.map(([, run]) => run.operationId);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(ids.slice(0, 3)).toEqual([ids[0], ids[0], ids[0]]);
    expect(ids[3]).not.toBe(ids[0]);
  });

  it("finishes at once with nothing to do", async () => {
    expect(await runBulk([], () => Promise.resolve(), { onProgress: () => {} })).toEqual({
      total: 0,
      done: 0,
      failures: [],
      cancelled: false,
    });
  });
});

describe("collectTasks", () => {
  it("follows the cursor through every page of the filter, a thousand at a time", async () => {
    const api = fakeApi({
      "GET /api/accounts/acct/jobs/j1/tasks": ({ url }) =>
        url.searchParams.get("cursor") === "2"
          ? { items: [{ id: "b", state: "completed", commandLine: "x", exitCode: 1 }] }
          : { items: [{ id: "a", state: "completed", commandLine: "x", exitCode: 2 }], nextCursor: "2" },
    });
    const tasks = await collectTasks(api, "acct", "j1", { state: "completed", exitCodeMin: 1 });
    expect(tasks.map((t) => t.id)).toEqual(["a", "b"]);
    expect(api.calls).toEqual([
      "GET /api/accounts/acct/jobs/j1/tasks?state=completed&exitCodeMin=1&pageSize=1000",
      "GET /api/accounts/acct/jobs/j1/tasks?state=completed&exitCodeMin=1&pageSize=1000&cursor=2",
    ]);
  });
});

describe("inBulkRun", () => {
  it("sends the run's id as the bulk operation header on every call, beside the caller's own headers", async () => {
    const seen: (Record<string, string> | undefined)[] = [];
    const api = fakeApi({
      "POST /api/accounts/acct/jobs/j1/tasks/t1/terminate": ({ headers }) => void seen.push(headers),
      "DELETE /api/accounts/acct/jobs/j1/tasks/t1": ({ headers }) => void seen.push(headers),
    });
    const bulk = inBulkRun(api, { operationId: "3f2b8c1e-5d4a-4b6c-9e8f-1a2b3c4d5e6f" });
    await bulk.json("/api/accounts/acct/jobs/j1/tasks/t1/terminate", { method: "POST", headers: { "x-request-id": "r" } });
    await bulk.raw("/api/accounts/acct/jobs/j1/tasks/t1", { method: "DELETE" });
    expect(seen).toEqual([
      { "x-request-id": "r", [BULK_OPERATION_HEADER]: "3f2b8c1e-5d4a-4b6c-9e8f-1a2b3c4d5e6f" },
      { [BULK_OPERATION_HEADER]: "3f2b8c1e-5d4a-4b6c-9e8f-1a2b3c4d5e6f" },
    ]);
  });
});
