/**
 * The composed local Azure with a real Azurite as its Storage: each Batch account reads its
 * auto-storage account (autoStorageContainerName resource files) with the seeded keys, and no
 * storage key is written to endpoints.json.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BatchServiceClient, BatchSharedKeyCredentials } from "@azure/batch";
import { ContainerClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalAzure, type LocalAzure } from "../local-azure";
import { WELL_KNOWN_STORAGE_KEYS } from "../local-azure-constants";
import { startAzurite, type RunningAzurite } from "./azurite";
import { blobEndpoint } from "./local-storage";

describe("the local Azure with Azurite as its Storage", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "bs-local-storage-"));
  let azurite: RunningAzurite;
  let azure: LocalAzure;

  beforeAll(async () => {
    azurite = await startAzurite({ location: join(dataDir, "azurite") });
    azure = await startLocalAzure({
      dataDir,
      ports: { identity: 0, arm: 0, batch: [0, 0] },
      runtime: "process",
      spaOrigins: ["http://localhost:43995"],
      timeScale: { nodeAllocateMs: 30, nodeBootMs: 30, stepMs: 10 },
      storage: azurite,
    });
  }, 60_000);
  afterAll(async () => {
    await azure?.close();
    await azurite?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("names the blob service in endpoints.json but none of its keys", () => {
    const text = readFileSync(join(dataDir, "endpoints.json"), "utf8");
    expect(JSON.parse(text)).toMatchObject({ storage: { blobUrl: azurite.blobUrl } });
    for (const keys of Object.values(WELL_KNOWN_STORAGE_KEYS))
      for (const k of keys) expect(text).not.toContain(k);
  });

  it("downloads an autoStorageContainerName resource file from the account's auto-storage account", async () => {
    const container = new ContainerClient(
      `${blobEndpoint(azurite, "contosoeusdata")}/tools`,
      new StorageSharedKeyCredential("contosoeusdata", WELL_KNOWN_STORAGE_KEYS.contosoeusdata![0]),
    );
    await container.create();
    await container.uploadBlockBlob("bin/tool.sh", "echo tool ran", 13);
    const eus = azure.accounts.find((a) => a.name === "contosoeus")!;
    const client = new BatchServiceClient(new BatchSharedKeyCredentials(eus.name, eus.key), eus.url);
    await client.pool.add({
      id: "auto",
      vmSize: "standard_d2s_v3",
      virtualMachineConfiguration: {
        imageReference: {
          publisher: "canonical",
          offer: "0001-com-ubuntu-server-jammy",
          sku: "22_04-lts",
          version: "latest",
        },
        nodeAgentSKUId: "batch.node.ubuntu 22.04",
      },
      targetDedicatedNodes: 1,
    });
    await client.job.add({ id: "auto", poolInfo: { poolId: "auto" } });
    await client.task.add("auto", {
      id: "t",
      commandLine: "/bin/sh tools/bin/tool.sh",
      resourceFiles: [{ autoStorageContainerName: "tools", filePath: "tools" }],
    });
    const deadline = Date.now() + 60_000;
    let task = await client.task.get("auto", "t");
    while (task.state !== "completed" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      task = await client.task.get("auto", "t");
    }
    expect(task.executionInfo).toMatchObject({ result: "success", exitCode: 0 });
    const out = await client.file.getFromTask("auto", "t", "stdout.txt");
    const chunks: Buffer[] = [];
    for await (const c of out.readableStreamBody!) chunks.push(Buffer.from(c as Buffer));
    expect(Buffer.concat(chunks).toString()).toBe("tool ran\n");
  }, 90_000);
});
