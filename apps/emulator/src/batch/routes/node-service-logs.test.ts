/**
 * ComputeNode_UploadBatchServiceLogs through the real @azure/batch client into a real Azurite:
 * the node's agent log lines of the window land under `{poolId}/{nodeId}/{guid}/`.
 */
import { ContainerSASPermissions, type ContainerClient } from "@azure/storage-blob";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLAIN_VM, failure, startTestAccount, waitFor, type TestAccount } from "../testing/account-harness";
import { startTestStorage, type TestStorage } from "../testing/storage-harness";

describe("uploadbatchservicelogs", () => {
  let storage: TestStorage;
  let acct: TestAccount;
  let logs: ContainerClient;
  let nodeId: string;
  const before = new Date(Date.now() - 1000);

  const sas = (permissions: string) =>
    logs.generateSasUrl({
      permissions: ContainerSASPermissions.parse(permissions),
      expiresOn: new Date(Date.now() + 3600_000),
    });

  beforeAll(async () => {
    storage = await startTestStorage("bs-svc-logs");
    logs = await storage.container("batchlogs");
    acct = await startTestAccount();
    await acct.client.pool.add({
      id: "logpool",
      vmSize: "standard_d2s_v3",
      targetDedicatedNodes: 1,
      virtualMachineConfiguration: PLAIN_VM,
      startTask: { commandLine: "/bin/true", waitForSuccess: true },
    });
    const [node] = await waitFor(
      () => acct.client.computeNode.list("logpool"),
      (ns) => ns[0]?.state === "idle",
      30_000,
      "node idle",
    );
    nodeId = node!.id!;
    await acct.client.job.add({ id: "logjob", poolInfo: { poolId: "logpool" } });
    await acct.client.task.add("logjob", { id: "t1", commandLine: "/bin/sh -c 'exit 3'" });
    await waitFor(
      () => acct.client.task.get("logjob", "t1"),
      (t) => t.state === "completed",
      30_000,
      "t1 completed",
    );
  }, 60_000);

  afterAll(async () => {
    await acct?.dispose();
    await storage?.close();
  }, 30_000);

  it("uploads the node's agent log of the window under {pool}/{node}/{guid}/", async () => {
    const result = await acct.client.computeNode.uploadBatchServiceLogs("logpool", nodeId, {
      containerUrl: await sas("cw"),
      startTime: before,
    });
    expect(result.numberOfFilesUploaded).toBe(1);
    expect(result.virtualDirectoryName).toMatch(
      new RegExp(`^logpool/${nodeId}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/$`),
    );
    const names: string[] = [];
    for await (const b of logs.listBlobsFlat({ prefix: result.virtualDirectoryName })) names.push(b.name);
    expect(names).toEqual([`${result.virtualDirectoryName}batch-agent.log`]);
    const text = (await logs.getBlobClient(names[0]!).downloadToBuffer()).toString();
    expect(text).toContain(`node ${nodeId} allocated in pool logpool`);
    expect(text).toContain("node state starting -> waitingforstarttask");
    expect(text).toContain("startup: attempt exited with code 0");
    expect(text).toContain("workitems/logjob/job-1/t1: attempt exited with code 3");
    for (const line of text.trim().split("\n")) expect(line).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z\t/);

    // A second request gets a folder of its own.
    const again = await acct.client.computeNode.uploadBatchServiceLogs("logpool", nodeId, {
      containerUrl: await sas("cw"),
      startTime: before,
    });
    expect(again.virtualDirectoryName).not.toBe(result.virtualDirectoryName);
  });

  it("uploads nothing for a window without events", async () => {
    const result = await acct.client.computeNode.uploadBatchServiceLogs("logpool", nodeId, {
      containerUrl: await sas("cw"),
      startTime: new Date(Date.now() - 3600_000),
      endTime: new Date(Date.now() - 1800_000),
    });
    expect(result.numberOfFilesUploaded).toBe(0);
  });

  it("answers Batch-shaped 400s: identity references, a read-only SAS, endTime before startTime", async () => {
    const identity = await failure(
      acct.client.computeNode.uploadBatchServiceLogs("logpool", nodeId, {
        containerUrl: logs.url,
        startTime: before,
        identityReference: { resourceId: "/subscriptions/x/identities/y" },
      }),
    );
    expect(identity).toMatchObject({ statusCode: 400, code: "InvalidPropertyValue" });
    expect(identity.body?.values).toContainEqual({ key: "PropertyName", value: "identityReference" });

    const readOnly = await failure(
      acct.client.computeNode.uploadBatchServiceLogs("logpool", nodeId, {
        containerUrl: await sas("r"),
        startTime: before,
      }),
    );
    expect(readOnly).toMatchObject({ statusCode: 400, code: "InvalidPropertyValue" });
    const reason = readOnly.body?.values?.find((v) => v.key === "Reason")?.value ?? "";
    expect(reason).toContain("HTTP 403");
    expect(reason).not.toContain("sig=");

    const backwards = await failure(
      acct.client.computeNode.uploadBatchServiceLogs("logpool", nodeId, {
        containerUrl: await sas("cw"),
        startTime: new Date(),
        endTime: before,
      }),
    );
    expect(backwards).toMatchObject({ statusCode: 400, code: "InvalidPropertyValue" });

    const missing = await failure(
      acct.client.computeNode.uploadBatchServiceLogs("logpool", "tvmps_nope", {
        containerUrl: await sas("cw"),
        startTime: before,
      }),
    );
    expect(missing).toMatchObject({ statusCode: 404, code: "NodeNotFound" });
  });
});
