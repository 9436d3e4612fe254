import { describe, expect, it } from "vitest";
import type { GalleryImageFact, ValidationContext } from "../../validation-context";
import { pool, poolIssues, ubuntuContainerImage } from "../test-support";

const imageId =
  "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/d/versions/1.0.0";
const sig = (nodes = 2, sku = "batch.node.ubuntu 20.04") =>
  pool((p) => {
    p.image = { kind: "gallery", imageId };
    p.nodeAgentSkuId = sku;
    p.scale = { dedicated: nodes, spot: 0, resizeTimeout: "PT2H" };
  });
const found = (more: Partial<GalleryImageFact> = {}): ValidationContext => ({
  accountRegion: "westeurope",
  galleryImage: {
    imageId,
    exists: true,
    osType: "linux",
    osState: "Generalized",
    replicas: [{ region: "West Europe", count: 1 }],
    ...more,
  },
});

describe("gallery rules", () => {
  it("image.gallery.idFormat", () => {
    expect(poolIssues("image.gallery.idFormat", sig())).toEqual([]);
    const bad = pool((p) => void (p.image = { kind: "gallery", imageId: "/subscriptions/s/images/x" }));
    expect(poolIssues("image.gallery.idFormat", bad)).toEqual([
      expect.objectContaining({ path: ["image", "imageId"], level: "error" }),
    ]);
  });
  it("image.gallery.notFound", () => {
    expect(
      poolIssues("image.gallery.notFound", sig(), { galleryImage: { imageId, exists: false } }),
    ).toHaveLength(1);
    expect(poolIssues("image.gallery.notFound", sig(), found())).toEqual([]);
  });
  it("image.gallery.specialized", () => {
    expect(
      poolIssues("image.gallery.specialized", sig(), found({ osState: "Specialized" }))[0]?.message,
    ).toMatch(/generalized shared images only/);
    expect(poolIssues("image.gallery.specialized", sig(), found())).toEqual([]);
  });
  it("image.gallery.noReplicaInRegion compares region names loosely", () => {
    expect(poolIssues("image.gallery.noReplicaInRegion", sig(), found())).toEqual([]);
    expect(
      poolIssues(
        "image.gallery.noReplicaInRegion",
        sig(),
        found({ replicas: [{ region: "eastus", count: 3 }] }),
      ),
    ).toEqual([expect.objectContaining({ level: "error", message: expect.stringMatching(/westeurope/) })]);
  });
  it("image.gallery.noReplicaInRegion offers to add the region when the version's id is known", () => {
    const elsewhere = { replicas: [{ region: "eastus", count: 3 }] };
    expect(poolIssues("image.gallery.noReplicaInRegion", sig(), found(elsewhere))[0]?.action).toBeUndefined();
    const [issue] = poolIssues(
      "image.gallery.noReplicaInRegion",
      sig(601),
      found({ ...elsewhere, versionId: imageId }),
    );
    expect(issue?.action).toEqual({
      kind: "setGalleryReplicas",
      label: "Add westeurope with 3 replicas",
      versionId: imageId,
      region: "westeurope",
      replicaCount: 3,
      currentCount: 0,
    });
    expect(issue?.fix).toBeUndefined();
  });
  it("image.gallery.replicaPer300Nodes offers to set the needed count when the version's id is known", () => {
    const [issue] = poolIssues(
      "image.gallery.replicaPer300Nodes",
      sig(2000),
      found({ replicas: [{ region: "West Europe", count: 2 }], versionId: imageId }),
    );
    expect(issue?.message).toMatch(
      /A pool of 2000 nodes wants at least 7 replicas of the image in westeurope/,
    );
    expect(issue?.action).toEqual({
      kind: "setGalleryReplicas",
      label: "Set 7 replicas in westeurope",
      versionId: imageId,
      region: "westeurope",
      replicaCount: 7,
      currentCount: 2,
    });
    // ARM refuses more than 100 replicas per region: then only the advice remains.
    const [huge] = poolIssues("image.gallery.replicaPer300Nodes", sig(40_000), found({ versionId: imageId }));
    expect(huge?.message).toMatch(/at least 134 replicas/);
    expect(huge?.action).toBeUndefined();
  });
  it("image.gallery.replicaPer300Nodes says how many to add and has no patch", () => {
    expect(poolIssues("image.gallery.replicaPer300Nodes", sig(300), found())).toEqual([]);
    const [issue] = poolIssues(
      "image.gallery.replicaPer300Nodes",
      sig(3000),
      found({ replicas: [{ region: "westeurope", count: 4 }] }),
    );
    expect(issue).toMatchObject({
      level: "warning",
      message: expect.stringMatching(/at least 10 replicas.*Add 6/),
    });
    expect(issue?.fix).toBeUndefined();
    expect(issue?.action).toBeUndefined(); // no version id in the facts
  });
  it("image.gallery.entraRequired is info, error under Shared Key", () => {
    expect(poolIssues("image.gallery.entraRequired", sig())).toEqual([
      expect.objectContaining({ level: "info" }),
    ]);
    expect(poolIssues("image.gallery.entraRequired", sig(), { authMode: "sharedKey" })).toEqual([
      expect.objectContaining({ level: "error", message: expect.stringMatching(/Shared Key/) }),
    ]);
    expect(poolIssues("image.gallery.entraRequired", pool())).toEqual([]);
  });
  it("image.gallery.nodeAgentSkuOsMismatch fixes when the SKU is determinable", () => {
    expect(poolIssues("image.gallery.nodeAgentSkuOsMismatch", sig(), found())).toEqual([]);
    const toWindows = poolIssues("image.gallery.nodeAgentSkuOsMismatch", sig(), found({ osType: "windows" }));
    expect(toWindows[0]?.fix?.patch).toEqual([
      { path: ["nodeAgentSkuId"], value: "batch.node.windows amd64" },
    ]);
    const linuxPool = sig(2, "batch.node.windows amd64");
    expect(poolIssues("image.gallery.nodeAgentSkuOsMismatch", linuxPool, found())[0]?.fix).toBeUndefined();
    const known = { ...found(), supportedImages: [ubuntuContainerImage] };
    expect(poolIssues("image.gallery.nodeAgentSkuOsMismatch", linuxPool, known)[0]?.fix?.patch).toEqual([
      { path: ["nodeAgentSkuId"], value: "batch.node.ubuntu 20.04" },
    ]);
  });
  it("image.gallery.versionNotReady warns while the version is not Succeeded", () => {
    expect(
      poolIssues("image.gallery.versionNotReady", sig(), found({ provisioningState: "Succeeded" })),
    ).toEqual([]);
    expect(poolIssues("image.gallery.versionNotReady", sig(), found())).toEqual([]);
    for (const state of ["Creating", "Updating", "Failed"]) {
      expect(poolIssues("image.gallery.versionNotReady", sig(), found({ provisioningState: state }))).toEqual(
        [
          expect.objectContaining({
            path: ["image", "imageId"],
            level: "warning",
            message: expect.stringContaining(`provisioning state is ${state}, not Succeeded`),
          }),
        ],
      );
    }
    expect(
      poolIssues("image.gallery.versionNotReady", sig(), {
        galleryImage: { imageId, exists: false, provisioningState: "Failed" },
      }),
    ).toEqual([]);
  });
  it("image.gallery.versionNotReady warns until replication to the account's region completes", () => {
    const replicas = (westeurope: string, eastus = "Completed") =>
      found({
        provisioningState: "Succeeded",
        replicas: [
          { region: "West Europe", count: 1, state: westeurope },
          { region: "East US", count: 1, state: eastus },
        ],
      });
    expect(poolIssues("image.gallery.versionNotReady", sig(), replicas("Completed", "Replicating"))).toEqual(
      [],
    );
    expect(poolIssues("image.gallery.versionNotReady", sig(), replicas("Unknown"))).toEqual([]);
    expect(poolIssues("image.gallery.versionNotReady", sig(), replicas("Replicating"))).toEqual([
      expect.objectContaining({
        level: "warning",
        message: expect.stringMatching(/replica in westeurope is Replicating, not Completed/),
      }),
    ]);
    const [failed] = poolIssues("image.gallery.versionNotReady", sig(), replicas("Failed"));
    expect(failed?.message).toMatch(/it failed: update the version's target regions to retry/);
  });
});
