/**
 * Resource files of job preparation and release tasks, through the real @azure/batch client and
 * a real Azurite (process runtime): downloaded before their commands like a task's, and a failed
 * download fails the preparation as a task's would (usererror, no exit code, no retry).
 */
import type { BatchServiceModels } from "@azure/batch";
import { BlobSASPermissions, ContainerSASPermissions, type ContainerClient } from "@azure/storage-blob";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLAIN_VM, failure, startTestAccount, waitFor, type TestAccount } from "../testing/account-harness";
import { startTestStorage, type TestStorage } from "../testing/storage-harness";

type Status = BatchServiceModels.JobPreparationAndReleaseTaskExecutionInformation;

describe("job preparation and release resource files", () => {
  let storage: TestStorage;
  let acct: TestAccount;
  let inputs: ContainerClient;
  const hour = () => new Date(Date.now() + 3600_000);

  beforeAll(async () => {
    storage = await startTestStorage("bs-jobtask-files");
    inputs = await storage.container("prepinputs");
    await inputs.uploadBlockBlob("setup/a.txt", "A\n", 2);
    await inputs.uploadBlockBlob("setup/b.txt", "B\n", 2);
    await inputs.uploadBlockBlob("teardown.sh", "echo released > released.txt\n", 29);
    acct = await startTestAccount({ autoStorage: storage.access });
    await acct.client.pool.add({
      id: "jtf",
      vmSize: "standard_d2s_v3",
      targetDedicatedNodes: 1,
      virtualMachineConfiguration: PLAIN_VM,
    });
    await waitFor(
      () => acct.client.computeNode.list("jtf"),
      (ns) => ns[0]?.state === "idle",
      30_000,
      "node idle",
    );
  }, 60_000);

  afterAll(async () => {
    await acct?.dispose();
    await storage?.close();
  }, 30_000);

  const status = (jobId: string) => acct.client.job.listPreparationAndReleaseTaskStatus(jobId);

  it("downloads them before the preparation and release commands run", async () => {
    const containerSas = await inputs.generateSasUrl({
      permissions: ContainerSASPermissions.parse("rl"),
      expiresOn: hour(),
    });
    const blobSas = await inputs
      .getBlobClient("teardown.sh")
      .generateSasUrl({ permissions: BlobSASPermissions.parse("r"), expiresOn: hour() });
    await acct.client.job.add({
      id: "files-ok",
      poolInfo: { poolId: "jtf" },
      jobPreparationTask: {
        // Exits 0 only when both files are there with their content.
        commandLine: `/bin/sh -c 'test "$(cat in/setup/a.txt in/setup/b.txt)" = "A\nB"'`,
        resourceFiles: [{ storageContainerUrl: containerSas, blobPrefix: "setup/", filePath: "in" }],
      },
      jobReleaseTask: {
        commandLine: "/bin/sh teardown.sh",
        resourceFiles: [{ httpUrl: blobSas, filePath: "teardown.sh" }],
      },
    });
    await acct.client.task.add("files-ok", { id: "t", commandLine: "/bin/true" });
    await waitFor(
      () => acct.client.task.get("files-ok", "t"),
      (t) => t.state === "completed",
      30_000,
      "task completed",
    );
    await acct.client.job.terminate("files-ok");
    const [row] = await waitFor(
      () => status("files-ok"),
      (rows: Status[]) => rows[0]?.jobReleaseTaskExecutionInfo?.state === "completed",
      30_000,
      "release completed",
    );
    expect(row!.jobPreparationTaskExecutionInfo).toMatchObject({ result: "success", exitCode: 0 });
    expect(row!.jobReleaseTaskExecutionInfo).toMatchObject({ result: "success", exitCode: 0 });
    const released = await acct.client.file.getFromComputeNode(
      "jtf",
      row!.nodeId!,
      "workitems/files-ok/job-1/jobrelease/wd/released.txt",
    );
    const chunks: Buffer[] = [];
    for await (const c of released.readableStreamBody!) chunks.push(Buffer.from(c as Buffer));
    expect(Buffer.concat(chunks).toString()).toBe("released\n");
  });

  it("fails the preparation, not retried and without an exit code, when a download fails", async () => {
    await acct.client.job.add({
      id: "files-missing",
      poolInfo: { poolId: "jtf" },
      jobPreparationTask: {
        commandLine: "/bin/true",
        constraints: { maxTaskRetryCount: 2 },
        resourceFiles: [
          { autoStorageContainerName: "prepinputs", blobPrefix: "nothing-here/", filePath: "x" },
          { httpUrl: `${inputs.url}/missing.txt`, filePath: "missing.txt" },
        ],
      },
    });
    await acct.client.task.add("files-missing", { id: "t", commandLine: "/bin/true" });
    const [row] = await waitFor(
      () => status("files-missing"),
      (rows: Status[]) => rows[0]?.jobPreparationTaskExecutionInfo?.state === "completed",
      30_000,
      "preparation completed",
    );
    const info = row!.jobPreparationTaskExecutionInfo!;
    expect(info).toMatchObject({ result: "failure", retryCount: 0 });
    expect(info.exitCode).toBeUndefined();
    expect(info.failureInfo).toMatchObject({ category: "usererror" });
    expect(info.failureInfo!.code).toMatch(/^(BlobNotFound|BlobAccessDenied|BlobDownloadMiscError)$/);
    // The job's task never ran on the node whose preparation failed.
    const task = await acct.client.task.get("files-missing", "t");
    expect(task.state).toBe("active");
  });

  it("refuses a resource file with two sources or an absolute path at add", async () => {
    const two = await failure(
      acct.client.job.add({
        id: "files-bad",
        poolInfo: { poolId: "jtf" },
        jobPreparationTask: {
          commandLine: "/bin/true",
          resourceFiles: [{ httpUrl: "http://127.0.0.1:1/a", autoStorageContainerName: "x" }],
        },
      }),
    );
    expect(two).toMatchObject({ statusCode: 400, code: "InvalidPropertyValue" });
    const absolute = await failure(
      acct.client.job.add({
        id: "files-bad",
        poolInfo: { poolId: "jtf" },
        jobPreparationTask: { commandLine: "/bin/true" },
        jobReleaseTask: {
          commandLine: "/bin/true",
          resourceFiles: [{ httpUrl: "http://127.0.0.1:1/a", filePath: "/etc/a" }],
        },
      }),
    );
    expect(absolute).toMatchObject({ statusCode: 400, code: "InvalidPropertyValue" });
  });
});
