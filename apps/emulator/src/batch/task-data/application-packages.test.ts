/**
 * The Linux names of an installed package, checked against the published environment of a real
 * Linux pool node (docs/azure-batch-notes.md#application-packages) and Learn's blender example.
 */
import { describe, expect, it } from "vitest";
import { packageFolder, packageVariable } from "./application-packages";

describe("application package names on a Linux node", () => {
  it("flattens '.', '-' and '#' to '_' and keeps the id's case", () => {
    expect(packageVariable("flamenco-worker", "2.2.1")).toBe("AZ_BATCH_APP_PACKAGE_flamenco_worker_2_2_1");
    expect(packageVariable("flamenco-worker")).toBe("AZ_BATCH_APP_PACKAGE_flamenco_worker");
    expect(packageVariable("blender", "2.7")).toBe("AZ_BATCH_APP_PACKAGE_blender_2_7");
    expect(packageVariable("Blender", "2#7-b")).toBe("AZ_BATCH_APP_PACKAGE_Blender_2_7_b");
  });

  it("names the folder <id><version><activation yyyy-MM-dd-HH-mm>", () => {
    const folder = packageFolder({
      applicationId: "flamenco-worker",
      version: "2.2.1",
      viaDefault: false,
      lastActivationTime: "2019-01-15T08:52:31.123Z",
      container: "app-x",
      blobName: "b.zip",
    });
    expect(folder).toBe("flamenco-worker2.2.12019-01-15-08-52");
  });
});
