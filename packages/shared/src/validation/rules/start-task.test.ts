import { describe, expect, it } from "vitest";
import type { PoolSpecInput } from "../../pool-spec";
import type { PoolSpec } from "../../pool-spec";
import { pool, poolIssues, windowsContainerImage } from "../test-support";

const withStart = (startTask: PoolSpecInput["startTask"], change: (p: PoolSpecInput) => void = () => {}) =>
  pool((p) => {
    p.startTask = startTask;
    change(p);
  });
const windows = (p: PoolSpecInput) => {
  p.image = {
    kind: "marketplace",
    publisher: "MicrosoftWindowsServer",
    offer: "WindowsServer",
    sku: "2019-datacenter-with-containers",
  };
  p.nodeAgentSkuId = "batch.node.windows amd64";
};

describe("start task rules", () => {
  it("startTask.commandLineRequired on drafts", () => {
    const spec: PoolSpec = { ...withStart({ commandLine: "x" }) };
    expect(poolIssues("startTask.commandLineRequired", spec)).toEqual([]);
    spec.startTask = { ...spec.startTask!, commandLine: " " };
    expect(poolIssues("startTask.commandLineRequired", spec)).toEqual([
      expect.objectContaining({ path: ["startTask", "commandLine"], level: "error" }),
    ]);
  });
  it("startTask.containerSettingsNeedContainerPool", () => {
    const start = { commandLine: "x", containerSettings: { imageName: "ubuntu" } };
    expect(poolIssues("startTask.containerSettingsNeedContainerPool", withStart(start))).toEqual([]);
    expect(
      poolIssues(
        "startTask.containerSettingsNeedContainerPool",
        withStart(start, (p) => delete p.container),
      ),
    ).toHaveLength(1);
  });
  it("startTask.imageReference", () => {
    expect(
      poolIssues(
        "startTask.imageReference",
        withStart({ commandLine: "x", containerSettings: { imageName: "Bad:x" } }),
      ),
    ).toHaveLength(1);
    expect(
      poolIssues(
        "startTask.imageReference",
        withStart({ commandLine: "x", containerSettings: { imageName: "ubuntu:22.04" } }),
      ),
    ).toEqual([]);
  });
  it("startTask.windowsContainerElevated", () => {
    const ctx = { supportedImages: [windowsContainerImage] };
    const issues = poolIssues(
      "startTask.windowsContainerElevated",
      withStart({ commandLine: "cmd /c mount.cmd" }, windows),
      ctx,
    );
    expect(issues).toEqual([
      expect.objectContaining({
        level: "info",
        fix: expect.objectContaining({ patch: [{ path: ["startTask", "elevated"], value: true }] }),
      }),
    ]);
    expect(
      poolIssues(
        "startTask.windowsContainerElevated",
        withStart({ commandLine: "x", elevated: true }, windows),
        ctx,
      ),
    ).toEqual([]);
    expect(poolIssues("startTask.windowsContainerElevated", withStart({ commandLine: "x" }))).toEqual([]);
  });
  it("startTask.waitForSuccessOff", () => {
    expect(
      poolIssues("startTask.waitForSuccessOff", withStart({ commandLine: "x", waitForSuccess: false })),
    ).toEqual([
      expect.objectContaining({
        level: "info",
        fix: expect.objectContaining({ patch: [{ path: ["startTask", "waitForSuccess"], value: true }] }),
      }),
    ]);
    expect(poolIssues("startTask.waitForSuccessOff", withStart({ commandLine: "x" }))).toEqual([]);
  });
});
