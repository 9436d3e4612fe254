import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BatchServiceClient, BatchSharedKeyCredentials, type BatchServiceModels } from "@azure/batch";
import { startLocalAzure, type LocalAzure } from "./local-azure";
import { ensureDemoWorkload } from "./demo-workload";
import { DEMO_JOB_ID, DEMO_TASKS } from "./seed";

async function text(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream ?? []) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

describe("the seeded demo workload", () => {
  let dataDir: string;
  let azure: LocalAzure;
  let client: BatchServiceClient;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "bs-demo-"));
    azure = await startLocalAzure({
      dataDir,
      ports: { identity: 0, arm: 0, batch: [0, 0] },
      runtime: "process",
      demo: true,
      timeScale: { nodeAllocateMs: 20, nodeBootMs: 20, stepMs: 10 },
    });
    const weu = azure.accounts.find((a) => a.name === "contosoweu")!;
    client = new BatchServiceClient(new BatchSharedKeyCredentials(weu.name, weu.key), weu.url);
  });
  afterAll(async () => {
    await azure?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("runs to completion with coloured stdout and one failed task", async () => {
    let tasks: BatchServiceModels.CloudTask[] = [];
    for (let i = 0; i < 400; i++) {
      tasks = await client.task.list(DEMO_JOB_ID);
      if (tasks.length === DEMO_TASKS.length && tasks.every((t) => t.state === "completed")) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(tasks.map((t) => t.state)).toEqual(DEMO_TASKS.map(() => "completed"));
    const render = await text(
      (await client.file.getFromTask(DEMO_JOB_ID, "render-charts", "stdout.txt")).readableStreamBody,
    );
    expect(render).toContain("\u001b[32mdone\u001b[0m");
    expect(render).toContain("PASS\u001b[0m 8 charts written to /");
    expect(render.trimEnd()).toMatch(/\/wd$/);
    const failed = tasks.find((t) => t.id === "validate-totals")!;
    expect(failed.executionInfo).toMatchObject({ exitCode: 3, result: "failure" });
    const stderr = await text(
      (await client.file.getFromTask(DEMO_JOB_ID, "validate-totals", "stderr.txt")).readableStreamBody,
    );
    expect(stderr).toContain("\u001b[1;31merror:\u001b[0m totals differ");
  });

  it("is created on the first start only: a deleted demo pool stays deleted", async () => {
    await client.pool.deleteMethod("demo-pool");
    expect(await ensureDemoWorkload(azure.accounts, dataDir)).toBe("present");
  });
});
