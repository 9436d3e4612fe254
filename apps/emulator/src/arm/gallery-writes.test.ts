import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ComputeManagementClient } from "@azure/arm-compute";
import { SEEDED_OPERATORS } from "../identity/operators";
import { DEFAULT_SEED } from "../seed";
import { startArmHarness, type ArmHarness } from "./testing/arm-harness";

const SPA_ORIGIN = "http://localhost:43998";
const SUB = DEFAULT_SEED.subscription.subscriptionId;
const RG = "rg-images";
const GALLERY = "contosoImages";
const IMAGE = "ubuntu2004-batch-container";
const WINDOWS = "windows2022-containers";
const REPLICATION_MS = 600;
const versionId = (image: string, version: string) =>
  `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Compute/galleries/${GALLERY}/images/${image}/versions/${version}`;

describe("gallery image version writes (PATCH as a long-running operation) through @azure/arm-compute", () => {
  let harness: ArmHarness;
  const [contributor, reader] = [SEEDED_OPERATORS[0]!, SEEDED_OPERATORS[2]!];
  let asContributor: ComputeManagementClient;
  let asReader: ComputeManagementClient;

  beforeAll(async () => {
    harness = await startArmHarness({
      spaOrigin: SPA_ORIGIN,
      arm: { readers: [reader.oid], replicationMs: REPLICATION_MS },
    });
    asContributor = harness.compute(await harness.credentialFor(contributor.oid));
    asReader = harness.compute(await harness.credentialFor(reader.oid));
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("sets one region's replicas, keeps the others, and reports Updating until replication is done", async () => {
    const before = await asContributor.galleryImageVersions.get(RG, GALLERY, WINDOWS, "2026.10.0");
    expect(before.publishingProfile?.targetRegions?.map((r) => [r.name, r.regionalReplicaCount])).toEqual([
      ["West Europe", 1],
      ["East US", 1],
    ]);
    const targetRegions = before.publishingProfile!.targetRegions!.map((r) =>
      r.name === "West Europe" ? { ...r, regionalReplicaCount: 7 } : r,
    );

    const started = Date.now();
    const poller = await asContributor.galleryImageVersions.beginUpdate(
      RG,
      GALLERY,
      WINDOWS,
      "2026.10.0",
      { publishingProfile: { targetRegions } },
      { updateIntervalInMs: 100 },
    );
    const during = await asContributor.galleryImageVersions.get(RG, GALLERY, WINDOWS, "2026.10.0");
    expect(during.provisioningState).toBe("Updating");
    // Only what was asked for: replication per region needs $expand=ReplicationStatus.
    expect(during.replicationStatus).toBeUndefined();
    const expanded = await asContributor.galleryImageVersions.get(RG, GALLERY, WINDOWS, "2026.10.0", {
      expand: "ReplicationStatus",
    });
    // The region whose count changed replicates; the untouched one stays Completed.
    expect(expanded.replicationStatus?.aggregatedState).toBe("InProgress");
    expect(expanded.replicationStatus?.summary?.map((r) => [r.region, r.state])).toEqual([
      ["West Europe", "Replicating"],
      ["East US", "Completed"],
    ]);
    const done = await poller.pollUntilDone();
    const after = await asContributor.galleryImageVersions.get(RG, GALLERY, WINDOWS, "2026.10.0", {
      expand: "ReplicationStatus",
    });
    expect(after.replicationStatus?.aggregatedState).toBe("Completed");
    expect(after.replicationStatus?.summary?.map((r) => [r.state, r.progress])).toEqual([
      ["Completed", 100],
      ["Completed", 100],
    ]);

    expect(Date.now() - started).toBeGreaterThanOrEqual(REPLICATION_MS - 50);
    expect(done.provisioningState).toBe("Succeeded");
    expect(done.publishingProfile?.targetRegions?.map((r) => [r.name, r.regionalReplicaCount])).toEqual([
      ["West Europe", 7],
      ["East US", 1],
    ]);
    const listed = [];
    for await (const v of asContributor.galleryImageVersions.listByGalleryImage(RG, GALLERY, WINDOWS))
      listed.push(v);
    expect(
      listed[0]?.publishingProfile?.targetRegions?.find((r) => r.name === "West Europe")
        ?.regionalReplicaCount,
    ).toBe(7);
    // What the Batch data plane learns about the image follows too.
    expect(harness.arm.galleryLookup(versionId(WINDOWS, "2026.10.0"))).toMatchObject({
      versionId: versionId(WINDOWS, "2026.10.0"),
      replicas: [
        { region: "westeurope", count: 7 },
        { region: "eastus", count: 1 },
      ],
    });
  });

  it("adds a region that was not a target yet (beginUpdateAndWait)", async () => {
    const done = await asContributor.galleryImageVersions.beginUpdateAndWait(
      RG,
      GALLERY,
      IMAGE,
      "1.0.0",
      {
        publishingProfile: {
          targetRegions: [
            { name: "westeurope", regionalReplicaCount: 1 },
            { name: "East US", regionalReplicaCount: 3 },
          ],
        },
      },
      { updateIntervalInMs: 100 },
    );
    expect(done.publishingProfile?.targetRegions?.map((r) => [r.name, r.regionalReplicaCount])).toEqual([
      ["West Europe", 1],
      ["East US", 3],
    ]);
  });

  it("refuses a replica count ARM would refuse, and changes nothing", async () => {
    const patch = (regionalReplicaCount: number) =>
      asContributor.galleryImageVersions.beginUpdateAndWait(RG, GALLERY, IMAGE, "1.1.0", {
        publishingProfile: { targetRegions: [{ name: "westeurope", regionalReplicaCount }] },
      });
    for (const bad of [0, 101])
      await expect(patch(bad)).rejects.toMatchObject({ statusCode: 400, code: "InvalidParameter" });
    const v = await asContributor.galleryImageVersions.get(RG, GALLERY, IMAGE, "1.1.0");
    expect(v.publishingProfile?.targetRegions?.[0]?.regionalReplicaCount).toBe(2);
  });

  it("lets a Reader read the version but not write it (403 AuthorizationFailed naming the write action)", async () => {
    await expect(asReader.galleryImageVersions.get(RG, GALLERY, IMAGE, "1.1.0")).resolves.toMatchObject({
      name: "1.1.0",
    });
    await expect(
      asReader.galleryImageVersions.beginUpdateAndWait(RG, GALLERY, IMAGE, "1.1.0", {
        publishingProfile: { targetRegions: [{ name: "westeurope", regionalReplicaCount: 5 }] },
      }),
    ).rejects.toMatchObject({
      statusCode: 403,
      code: "AuthorizationFailed",
      message: expect.stringMatching(/Microsoft\.Compute\/galleries\/images\/versions\/write/),
    });
  });

  it("keeps writes to this server: the seed a next start uses is unchanged", () => {
    const seeded = DEFAULT_SEED.galleries[0]!.images.find((i) => i.name === WINDOWS)!.versions[0]!;
    expect(seeded.targetRegions.find((r) => r.name === "westeurope")?.regionalReplicaCount).toBe(1);
  });
});
