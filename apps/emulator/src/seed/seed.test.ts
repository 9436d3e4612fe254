import { describe, expect, it } from "vitest";
import { DEFAULT_SEED, vmSkusIn, supportedImageFact } from "./index";

describe("the seeded demo", () => {
  it("has 15–25 VM sizes including D-series, a GPU NC size, RDMA HB sizes and a 1-vCPU size", () => {
    const skus = DEFAULT_SEED.vmSkus;
    expect(skus.length).toBeGreaterThanOrEqual(15);
    expect(skus.length).toBeLessThanOrEqual(25);
    expect(skus.some((s) => s.name.startsWith("Standard_D"))).toBe(true);
    expect(skus.some((s) => s.name.startsWith("Standard_NC") && s.gpus > 0)).toBe(true);
    expect(skus.some((s) => s.name.startsWith("Standard_HB") && s.rdma)).toBe(true);
    expect(skus.some((s) => s.vCPUs === 1)).toBe(true);
    expect(new Set(skus.map((s) => s.name)).size).toBe(skus.length);
  });

  it("gives every family a size has a quota entry in at least one account", () => {
    const families = new Set(
      DEFAULT_SEED.batchAccounts.flatMap((a) => Object.keys(a.dedicatedCoreQuotaPerVMFamily)),
    );
    for (const s of DEFAULT_SEED.vmSkus) expect(families, s.familyName).toContain(s.familyName);
  });

  it("offers each region's sizes (HBv2 only in East US)", () => {
    expect(vmSkusIn("eastus").map((s) => s.name)).toContain("Standard_HB120rs_v2");
    expect(vmSkusIn("westeurope").map((s) => s.name)).not.toContain("Standard_HB120rs_v2");
  });

  it("lists container-capable, end-of-life and non-container images", () => {
    const facts = DEFAULT_SEED.supportedImages.map(supportedImageFact);
    expect(
      facts.filter((f) => f.capabilities.includes("DockerCompatible") && f.osType === "linux").length,
    ).toBeGreaterThan(0);
    expect(
      facts.filter((f) => f.capabilities.includes("DockerCompatible") && f.osType === "windows").length,
    ).toBeGreaterThan(0);
    expect(
      facts.some(
        (f) => f.batchSupportEndOfLife && Date.parse(f.batchSupportEndOfLife) < Date.parse("2026-01-01"),
      ),
    ).toBe(true);
    expect(facts.some((f) => !f.capabilities.includes("DockerCompatible"))).toBe(true);
  });

  it("has accounts in two regions and a gallery with generalized, specialized and single-region images", () => {
    expect(new Set(DEFAULT_SEED.batchAccounts.map((a) => a.location)).size).toBe(2);
    const images = DEFAULT_SEED.galleries.flatMap((g) => g.images);
    expect(images.some((i) => i.osState === "Specialized")).toBe(true);
    expect(images.some((i) => i.osType === "Windows" && i.osState === "Generalized")).toBe(true);
    const linux = images.find((i) => i.osType === "Linux" && i.osState === "Generalized")!;
    expect(new Set(linux.versions.flatMap((v) => v.targetRegions.map((r) => r.name)))).toEqual(
      new Set(["westeurope"]),
    );
  });
});
