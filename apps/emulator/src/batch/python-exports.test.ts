/**
 * The portal's Python exports of a job and a task, run as they are by Debian's azure-batch 13.0.1
 * against the emulator: the secrets come from the environment, everything else from the export.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { exportJobPython, exportTaskPython, JobSpec, TaskSpec } from "@batch-studio/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLAIN_VM, startTestAccount, TEST_ACCOUNT, TEST_KEY, type TestAccount } from "./testing/account-harness";

const python = "/usr/bin/python3";
let acct: TestAccount;
beforeAll(async () => {
  acct = await startTestAccount({ timeScale: { nodeAllocateMs: 20, nodeBootMs: 20, stepMs: 20 } });
  await acct.client.pool.add({ id: "export-pool", vmSize: "standard_d2s_v3", virtualMachineConfiguration: PLAIN_VM, targetDedicatedNodes: 0 });
});
afterAll(async () => {
  await acct?.dispose();
});

/** Runs an export with a signed-in `client` in front of it, as an operator's script would have. */
const runExport = (exported: string, env: Record<string, string> = {}) =>
  promisify(execFile)(
    python,
    [
      "-c",
      [
        "import sys",
        "from azure.batch import BatchServiceClient",
        "from azure.batch.batch_auth import SharedKeyCredentials",
        "client = BatchServiceClient(SharedKeyCredentials(sys.argv[1], sys.argv[2]), batch_url=sys.argv[3])",
        exported,
      ].join("\n"),
      TEST_ACCOUNT,
      TEST_KEY,
      acct.handle.url,
    ],
    { env: { ...process.env, ...env } },
  );

describe.skipIf(!existsSync(python))("Python exports through Debian's SDK", () => {
  it("creates the job and then its task, the write SAS URL read from the environment", async () => {
    const job = JobSpec.parse({
      id: "from-python-job",
      poolId: "export-pool",
      priority: 10,
      constraints: { maxTaskRetryCount: 2 },
      env: [{ name: "MODE", value: "fast" }],
    });
    await runExport(exportJobPython(job));
    const created = await acct.client.job.get("from-python-job");
    expect(created).toMatchObject({ priority: 10, constraints: { maxTaskRetryCount: 2 } });
    expect(created.commonEnvironmentSettings).toEqual([{ name: "MODE", value: "fast" }]);

    const task = TaskSpec.parse({
      id: "frame-1",
      commandLine: "/bin/sh -c 'echo $MODE > out/result.txt'",
      outputFiles: [{ filePattern: "out/*", destination: { kind: "accountStorage", containerName: "results" }, uploadCondition: "taskSuccess" }],
    });
    const sasUrl = "https://store.blob.core.windows.net/results?sv=2022-11-02&sp=cw&sig=not-in-the-export";
    const exported = exportTaskPython("from-python-job", task);
    expect(exported).not.toContain("not-in-the-export");
    await runExport(exported, { OUTPUT_CONTAINER_URL_RESULTS: sasUrl });
    const added = await acct.client.task.get("from-python-job", "frame-1");
    expect(added.commandLine).toBe("/bin/sh -c 'echo $MODE > out/result.txt'");
    expect(added.outputFiles?.[0]?.destination.container?.containerUrl).toBe(sasUrl);
  });

  it("stops with the variable's name when a secret is not set", async () => {
    const task = TaskSpec.parse({
      id: "frame-2",
      commandLine: "true",
      outputFiles: [{ filePattern: "*.txt", destination: { kind: "accountStorage", containerName: "results" }, uploadCondition: "taskSuccess" }],
    });
    await expect(runExport(exportTaskPython("from-python-job", task))).rejects.toMatchObject({
      stderr: expect.stringContaining("OUTPUT_CONTAINER_URL_RESULTS"),
    });
  });
});
