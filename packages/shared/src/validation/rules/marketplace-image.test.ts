import { describe, expect, it } from "vitest";
import { pool, poolIssues, ubuntuContainerImage } from "../test-support";

const now = "2026-11-23T00:00:00Z";

describe("marketplace image rules", () => {
  it("image.marketplace.notOffered only when the list is known", () => {
    const other = pool((p) => void (p.image = { kind: "marketplace", publisher: "x", offer: "y", sku: "z" }));
    expect(poolIssues("image.marketplace.notOffered", other)).toEqual([]);
    expect(
      poolIssues("image.marketplace.notOffered", other, { supportedImages: [ubuntuContainerImage] }),
    ).toEqual([
      expect.objectContaining({ path: ["image"], level: "error", message: expect.stringMatching(/x\/y\/z/) }),
    ]);
    expect(
      poolIssues("image.marketplace.notOffered", pool(), { supportedImages: [ubuntuContainerImage] }),
    ).toEqual([]);
  });

  it("image.marketplace.notDockerCompatible for container pools only", () => {
    const plain = { ...ubuntuContainerImage, capabilities: [] };
    expect(poolIssues("image.marketplace.notDockerCompatible", pool(), { supportedImages: [plain] })).toEqual(
      [expect.objectContaining({ level: "error", message: expect.stringMatching(/DockerCompatible/) })],
    );
    expect(
      poolIssues(
        "image.marketplace.notDockerCompatible",
        pool((p) => delete p.container),
        { supportedImages: [plain] },
      ),
    ).toEqual([]);
    expect(
      poolIssues("image.marketplace.notDockerCompatible", pool(), {
        supportedImages: [ubuntuContainerImage],
      }),
    ).toEqual([]);
  });

  it("end of life: warning when passed, info within 90 days, silent otherwise", () => {
    const at = (eol: string) => ({
      now,
      supportedImages: [{ ...ubuntuContainerImage, batchSupportEndOfLife: eol }],
    });
    expect(poolIssues("image.marketplace.endOfLifePassed", pool(), at("2026-01-01T00:00:00Z"))).toEqual([
      expect.objectContaining({ level: "warning" }),
    ]);
    expect(poolIssues("image.marketplace.endOfLifeSoon", pool(), at("2026-01-01T00:00:00Z"))).toEqual([]);
    expect(poolIssues("image.marketplace.endOfLifeSoon", pool(), at("2027-01-15T00:00:00Z"))).toEqual([
      expect.objectContaining({ level: "info", message: expect.stringMatching(/2027-01-15/) }),
    ]);
    expect(poolIssues("image.marketplace.endOfLifePassed", pool(), at("2027-01-15T00:00:00Z"))).toEqual([]);
    expect(poolIssues("image.marketplace.endOfLifeSoon", pool(), at("2028-01-01T00:00:00Z"))).toEqual([]);
  });

  it("image.marketplace.nodeAgentSkuMismatch offers the listed SKU as a fix", () => {
    const wrong = pool((p) => void (p.nodeAgentSkuId = "batch.node.ubuntu 16.04"));
    expect(
      poolIssues("image.marketplace.nodeAgentSkuMismatch", wrong, {
        supportedImages: [ubuntuContainerImage],
      }),
    ).toEqual([
      expect.objectContaining({
        path: ["nodeAgentSkuId"],
        level: "error",
        fix: {
          label: expect.any(String),
          patch: [{ path: ["nodeAgentSkuId"], value: "batch.node.ubuntu 20.04" }],
        },
      }),
    ]);
    expect(
      poolIssues("image.marketplace.nodeAgentSkuMismatch", pool(), {
        supportedImages: [ubuntuContainerImage],
      }),
    ).toEqual([]);
  });
});
