/**
 * Applications and application packages through the real @azure/arm-batch 9.1.0 client (api-version
 * 2023-11-01) against the local ARM and a real Azurite: create, upload to the returned storageUrl
 * with @azure/storage-blob, activate, default version, and the conflicts Azure answers.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BatchManagementClient } from "@azure/arm-batch";
import { BlockBlobClient } from "@azure/storage-blob";
import { SEEDED_OPERATORS } from "../identity/operators";
import { ARM_SCOPE } from "../local-azure-constants";
import { DEFAULT_SEED } from "../seed";
import { startAzurite, type RunningAzurite } from "../storage/azurite";
import { allowBearerOverLoopbackHttp } from "./loopback-bearer";
import { startArmHarness, type ArmHarness } from "./testing/arm-harness";

const SUB = DEFAULT_SEED.subscription.subscriptionId;
const RG = "rg-batch-studio";

/** The error an ARM SDK call rejects with. */
async function armFailure(p: Promise<unknown>): Promise<{ statusCode?: number; code?: string }> {
  try {
    await p;
  } catch (e) {
    return { statusCode: Reflect.get(Object(e), "statusCode"), code: Reflect.get(Object(e), "code") };
  }
  throw new Error("expected the call to fail");
}

describe("Batch applications in the local ARM", () => {
  let azurite: RunningAzurite;
  let harness: ArmHarness;
  let client: BatchManagementClient;
  const folder = mkdtempSync(join(tmpdir(), "bs-arm-apps-"));

  beforeAll(async () => {
    azurite = await startAzurite({ location: folder });
    // contosoweu is linked to a served storage account; the seed's other account is made unlinked.
    const seed = structuredClone(DEFAULT_SEED);
    delete seed.batchAccounts[1]!.autoStorageAccount;
    harness = await startArmHarness({ spaOrigin: "http://localhost:43996", arm: { storage: azurite, seed } });
    const credential = await harness.credentialFor(SEEDED_OPERATORS[0]!.oid);
    client = new BatchManagementClient(credential, SUB, {
      endpoint: harness.arm.url,
      retryOptions: { maxRetries: 0 },
    });
    allowBearerOverLoopbackHttp(client.pipeline, credential, [ARM_SCOPE]);
  });
  afterAll(async () => {
    await harness?.close();
    await azurite?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("creates an application, uploads a version to its storageUrl and activates it", async () => {
    const app = await client.applicationOperations.create(RG, "contosoweu", "Blender", {
      parameters: { displayName: "Blender", allowUpdates: false },
    });
    expect(app).toMatchObject({ name: "Blender", displayName: "Blender", allowUpdates: false });
    expect(app.type).toBe("Microsoft.Batch/batchAccounts/applications");

    const created = await client.applicationPackageOperations.create(RG, "contosoweu", "blender", "2.7");
    expect(created).toMatchObject({ name: "2.7", state: "Pending" });
    expect(created.storageUrl).toMatch(
      new RegExp(`^${azurite.blobUrl}/contosoweudata/app-[0-9a-f]+/.+\\?.*sig=`),
    );
    expect(created.storageUrlExpiry!.getTime()).toBeGreaterThan(Date.now());

    // Activating before the upload: Azure's ApplicationPackageBlobNotFound.
    const early = await armFailure(
      client.applicationPackageOperations.activate(RG, "contosoweu", "blender", "2.7", { format: "zip" }),
    );
    expect([early.statusCode, early.code]).toEqual([409, "ApplicationPackageBlobNotFound"]);
    // A default version must be an Active one.
    const notActive = await armFailure(
      client.applicationOperations.update(RG, "contosoweu", "blender", { defaultVersion: "2.7" }),
    );
    expect([notActive.statusCode, notActive.code]).toEqual([409, "RequestedDefaultVersionNotActive"]);

    await new BlockBlobClient(created.storageUrl!).uploadData(Buffer.from("PK not really a zip"));
    const active = await client.applicationPackageOperations.activate(RG, "contosoweu", "blender", "2.7", {
      format: "zip",
    });
    expect(active).toMatchObject({ state: "Active", format: "zip" });
    expect(active.lastActivationTime).toBeInstanceOf(Date);

    const updated = await client.applicationOperations.update(RG, "contosoweu", "blender", {
      defaultVersion: "2.7",
    });
    expect(updated.defaultVersion).toBe("2.7");
    const versions = [];
    for await (const v of client.applicationPackageOperations.list(RG, "contosoweu", "blender"))
      versions.push(v);
    expect(versions.map((v) => [v.name, v.state])).toEqual([["2.7", "Active"]]);

    // allowUpdates: false keeps an Active version from being created again.
    const again = await armFailure(
      client.applicationPackageOperations.create(RG, "contosoweu", "blender", "2.7"),
    );
    expect([again.statusCode, again.code]).toEqual([409, "ApplicationPackageAlreadyExists"]);
  });

  it("refuses to delete an application that still has packages, then deletes both", async () => {
    await client.applicationPackageOperations.create(RG, "contosoweu", "ffmpeg", "4.1");
    const busy = await armFailure(client.applicationOperations.delete(RG, "contosoweu", "ffmpeg"));
    expect([busy.statusCode, busy.code]).toEqual([409, "ApplicationPackagesNotEmpty"]);
    await client.applicationPackageOperations.delete(RG, "contosoweu", "ffmpeg", "4.1");
    await client.applicationOperations.delete(RG, "contosoweu", "ffmpeg");
    const gone = await armFailure(client.applicationOperations.get(RG, "contosoweu", "ffmpeg"));
    expect(gone.statusCode).toBe(404);
    const names = [];
    for await (const a of client.applicationOperations.list(RG, "contosoweu")) names.push(a.name);
    expect(names).toEqual(["Blender"]);
  });

  it("answers 409 AutoStorageNotConfigured for an account without auto-storage", async () => {
    const other = DEFAULT_SEED.batchAccounts[1]!;
    const refused = await armFailure(
      client.applicationPackageOperations.create(other.resourceGroup, other.name, "blender", "1"),
    );
    expect([refused.statusCode, refused.code]).toEqual([409, "AutoStorageNotConfigured"]);
  });
});
