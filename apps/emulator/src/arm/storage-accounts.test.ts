import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BatchManagementClient } from "@azure/arm-batch";
import { BlobServiceClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import { SEEDED_OPERATORS } from "../identity/operators";
import { ARM_SCOPE } from "../local-azure-constants";
import { DEFAULT_SEED } from "../seed";
import { startAzurite, type RunningAzurite } from "../storage/azurite";
import { allowBearerOverLoopbackHttp, type SimpleTokenCredential } from "./loopback-bearer";
import { startArmHarness, type ArmHarness } from "./testing/arm-harness";

const SUB = DEFAULT_SEED.subscription.subscriptionId;
const ACCOUNT = `/subscriptions/${SUB}/resourceGroups/rg-batch-studio/providers/Microsoft.Storage/storageAccounts/contosoweudata`;

describe("storage accounts in the local ARM, backed by a real Azurite", () => {
  let azurite: RunningAzurite;
  let harness: ArmHarness;
  let credential: SimpleTokenCredential;
  const folder = mkdtempSync(join(tmpdir(), "bs-arm-azurite-"));

  beforeAll(async () => {
    azurite = await startAzurite({ location: folder });
    harness = await startArmHarness({ spaOrigin: "http://localhost:43996", arm: { storage: azurite } });
    credential = await harness.credentialFor(SEEDED_OPERATORS[0]!.oid);
  });
  afterAll(async () => {
    await harness?.close();
    await azurite?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function arm(
    method: string,
    path: string,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const token = await credential.getToken(ARM_SCOPE);
    const res = await fetch(`${harness.arm.url}${path}?api-version=2023-05-01`, {
      method,
      headers: { authorization: `Bearer ${token?.token ?? ""}` },
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it("links each Batch account to its storage account as auto-storage (read through @azure/arm-batch)", async () => {
    const client = new BatchManagementClient(credential, SUB, {
      endpoint: harness.arm.url,
      retryOptions: { maxRetries: 0 },
    });
    allowBearerOverLoopbackHttp(client.pipeline, credential, [ARM_SCOPE]);
    const weu = await client.batchAccountOperations.get("rg-batch-studio", "contosoweu");
    expect(weu.autoStorage).toMatchObject({ storageAccountId: ACCOUNT, authenticationMode: "StorageKeys" });
    expect(weu.autoStorage?.lastKeySync).toBeInstanceOf(Date);
  });

  it("serves the account with its blob endpoint and keys that open the real blob service", async () => {
    const got = await arm("GET", ACCOUNT);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ name: "contosoweudata", kind: "StorageV2", location: "westeurope" });
    const blob = (got.body.properties as { primaryEndpoints: { blob: string } }).primaryEndpoints.blob;
    expect(blob).toBe(`${azurite.blobUrl}/contosoweudata/`);

    const keys = await arm("POST", `${ACCOUNT}/listKeys`);
    expect(keys.status).toBe(200);
    const list = keys.body.keys as { keyName: string; value: string; permissions: string }[];
    expect(list.map((k) => [k.keyName, k.permissions])).toEqual([
      ["key1", "FULL"],
      ["key2", "FULL"],
    ]);
    for (const key of list) {
      const service = new BlobServiceClient(
        blob,
        new StorageSharedKeyCredential("contosoweudata", key.value),
      );
      const container = service.getContainerClient(`arm-${key.keyName}`);
      await container.create();
      await container.uploadBlockBlob("hello.txt", "hi", 2);
      const names: string[] = [];
      for await (const b of container.listBlobsFlat()) names.push(b.name);
      expect(names).toEqual(["hello.txt"]);
    }
  });

  it("lists storageAccounts among Microsoft.Storage's resource types", async () => {
    const token = await credential.getToken(ARM_SCOPE);
    const res = await fetch(
      `${harness.arm.url}/subscriptions/${SUB}/providers/Microsoft.Storage?api-version=2021-04-01`,
      {
        headers: { authorization: `Bearer ${token?.token ?? ""}` },
      },
    );
    expect(await res.json()).toMatchObject({
      registrationState: "Registered",
      resourceTypes: [
        { resourceType: "storageAccounts", apiVersions: expect.arrayContaining(["2023-05-01"]) },
      ],
    });
  });

  it("answers ResourceNotFound for an account that is not seeded", async () => {
    const got = await arm("GET", ACCOUNT.replace("contosoweudata", "nosuchaccount"));
    expect(got.status).toBe(404);
    expect(got.body).toMatchObject({ error: { code: "ResourceNotFound" } });
  });
});
