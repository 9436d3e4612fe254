import { describe, expect, it } from "vitest";
import { basePoolInput, withCode } from "./test-support";
import { parsePoolParts, validatePoolDraft } from "./validate-pool-draft";
import { validatePool } from "./validate-pool";
import { PoolSpec } from "../pool-spec";
import type { GalleryImageFact, SupportedImageFact } from "../validation-context";

const onlyRegistry = {
  container: { prefetchImages: [], registries: [{ server: "reg.example", auth: { kind: "password", username: "u", password: "p" } }] },
};

describe("parsePoolParts", () => {
  it("keeps the valid parts with their defaults and names each invalid or missing one", () => {
    const { parts, issues } = parsePoolParts({ id: "bad id!", scale: {}, ...onlyRegistry });
    expect(parts.scale).toEqual({ dedicated: 1, spot: 0, resizeTimeout: "PT15M" });
    expect(parts.container?.registries[0]?.server).toBe("reg.example");
    expect(parts.id).toBeUndefined();
    expect([...new Set(issues.map((i) => i.path[0]))].sort()).toEqual(["id", "image", "nodeAgentSkuId", "vmSize"]);
  });

  it("treats anything but an object as an empty draft", () => {
    expect(parsePoolParts("nope").issues.map((i) => i.path[0])).toContain("id");
  });
});

describe("validatePoolDraft", () => {
  it("judges a registry's login before the rest of the pool is chosen", () => {
    const issues = validatePoolDraft(onlyRegistry, { registries: [{ server: "reg.example", status: "unauthorized" }] });
    expect(withCode(issues, "registry.loginFailed").map((i) => i.path)).toEqual([["container", "registries", 0]]);
    expect(issues.some((i) => i.path[0] === "vmSize" && i.code.startsWith("schema."))).toBe(true);
  });

  it("runs the id, scale and start task rules of their valid parts", () => {
    const issues = validatePoolDraft(
      { id: "taken", scale: { dedicated: 2000, resizeTimeout: "PT15M" }, startTask: { commandLine: "run", waitForSuccess: false } },
      { poolIdTaken: true },
    );
    expect(issues.map((i) => i.code)).toEqual(expect.arrayContaining(["pool.id.taken", "scale.resizeTimeout.perThousandNodes", "startTask.waitForSuccessOff"]));
  });

  it("judges the image from ARM's answer before a VM size is chosen, and the replicas per 300 nodes once the scale is known", () => {
    const imageId = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/snap/versions/1.0.0";
    const galleryImage: GalleryImageFact = { imageId, exists: true, osType: "linux", osState: "Specialized", replicas: [{ region: "eastus", count: 1 }] };
    const draft = { image: { kind: "gallery", imageId } };
    const codes = (json: object) => validatePoolDraft(json, { accountRegion: "westeurope", galleryImage }).map((i) => i.code);
    expect(codes(draft)).toEqual(expect.arrayContaining(["image.gallery.specialized", "image.gallery.noReplicaInRegion"]));
    // The rest of the draft is still missing, and says so.
    expect(codes(draft).filter((c) => c.startsWith("schema.")).length).toBeGreaterThan(0);
    const inRegion: GalleryImageFact = { ...galleryImage, osState: "Generalized", replicas: [{ region: "westeurope", count: 1 }] };
    const perNodes = (json: object) => withCode(validatePoolDraft(json, { accountRegion: "westeurope", galleryImage: inRegion }), "image.gallery.replicaPer300Nodes");
    expect(perNodes(draft)).toEqual([]);
    expect(perNodes({ ...draft, scale: { dedicated: 2000 } })).toHaveLength(1);
  });

  it("checks a Marketplace image's node agent SKU once both are valid", () => {
    const image = { kind: "marketplace", publisher: "p", offer: "o", sku: "s", version: "latest" };
    const supportedImages: SupportedImageFact[] = [
      { publisher: "p", offer: "o", sku: "s", nodeAgentSkuId: "batch.node.ubuntu 22.04", osType: "linux", capabilities: ["DockerCompatible"], verificationType: "verified" },
    ];
    const mismatch = (json: object) => withCode(validatePoolDraft(json, { supportedImages }), "image.marketplace.nodeAgentSkuMismatch");
    expect(mismatch({ image })).toEqual([]);
    expect(mismatch({ image, nodeAgentSkuId: "batch.node.ubuntu 20.04" })).toHaveLength(1);
  });

  it("leaves the container's rules out while the container part itself is wrong", () => {
    const issues = validatePoolDraft({ container: { registries: [{ server: 5 }] } }, { registries: [{ server: "reg.example", status: "unauthorized" }] });
    expect(issues.every((i) => i.code.startsWith("schema."))).toBe(true);
  });

  it("is validatePool for a whole spec", () => {
    const input = basePoolInput();
    expect(validatePoolDraft(input)).toEqual(validatePool(PoolSpec.parse(input)));
  });
});
