import { describe, expect, it } from "vitest";
import { compareGalleryVersions, formatGalleryImageId, latestGalleryVersion, parseGalleryImageId } from "./gallery-image-id";

const base =
  "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.Compute/galleries/gal/images/ubuntu-docker";

describe("parseGalleryImageId", () => {
  it("parses a version id and a definition id", () => {
    expect(parseGalleryImageId(`${base}/versions/1.0.0`)).toEqual({
      ok: true,
      value: {
        subscriptionId: "sub-1",
        resourceGroup: "rg-1",
        gallery: "gal",
        imageDefinition: "ubuntu-docker",
        version: "1.0.0",
      },
    });
    expect(parseGalleryImageId(base)).toEqual({
      ok: true,
      value: {
        subscriptionId: "sub-1",
        resourceGroup: "rg-1",
        gallery: "gal",
        imageDefinition: "ubuntu-docker",
      },
    });
  });
  it("treats segment names case-insensitively and keeps values' case", () => {
    const id =
      "/SUBSCRIPTIONS/S/resourcegroups/My-RG/PROVIDERS/microsoft.compute/Galleries/G/IMAGES/D/Versions/2";
    expect(parseGalleryImageId(id)).toMatchObject({
      ok: true,
      value: { resourceGroup: "My-RG", version: "2" },
    });
  });
  it.each([
    ["", /empty/],
    ["https://portal.azure.com/x", /not a URL/],
    ["/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/images/managed", /managed image/],
    [`${base}/versions`, /expected/],
    [`${base}/versions/1/extra`, /expected/],
    ["/subscriptions//resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/d", /expected/],
  ])("rejects %j", (id, reason) => {
    const result = parseGalleryImageId(id);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
  it("formats back", () => {
    const parsed = parseGalleryImageId(`${base}/versions/1.0.0`);
    expect(parsed.ok && formatGalleryImageId(parsed.value)).toBe(`${base}/versions/1.0.0`);
  });
});

describe("latest gallery version", () => {
  it("orders versions numerically and skips the ones excluded from latest", () => {
    expect(compareGalleryVersions("1.0.10", "1.0.9")).toBeGreaterThan(0);
    expect(compareGalleryVersions("2.0", "2.0.0")).toBe(0);
    const versions = [{ name: "1.0.9" }, { name: "1.0.10" }, { name: "1.1.0", excludeFromLatest: true }];
    expect(latestGalleryVersion(versions)?.name).toBe("1.0.10");
    expect(latestGalleryVersion([{ name: "1.0.0", excludeFromLatest: true }])).toBeUndefined();
  });
});
