import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { StartTaskSpec } from "../pool-spec";
import { validateStartTaskUpdate } from "./validate-start-task";

const task = (input: z.input<typeof StartTaskSpec>) => StartTaskSpec.parse(input);

describe("validateStartTaskUpdate", () => {
  it("reports the wizard's start task errors at the wizard's paths", () => {
    const issues = validateStartTaskUpdate(
      task({ commandLine: "  ", containerSettings: { imageName: "Bad Image!" } }),
      { isContainerPool: false },
    );
    expect(issues.filter((i) => i.level === "error").map((i) => [i.code, i.path.join(".")])).toEqual([
      ["startTask.commandLineRequired", "startTask.commandLine"],
      ["startTask.containerSettingsNeedContainerPool", "startTask.containerSettings"],
      ["startTask.imageReference", "startTask.containerSettings.imageName"],
    ]);
  });

  it("accepts a container start task on a container pool", () => {
    const issues = validateStartTaskUpdate(
      task({
        commandLine: "/bin/sh -c true",
        containerSettings: { imageName: "docker.io/library/busybox:1.36" },
      }),
      { isContainerPool: true },
    );
    expect(issues).toEqual([]);
  });

  it("knows the OS from the node agent SKU (the Windows elevation hint)", () => {
    const t = task({ commandLine: "cmd /c setup.cmd" });
    expect(
      validateStartTaskUpdate(t, { isContainerPool: true, nodeAgentSkuId: "batch.node.windows amd64" }).map(
        (i) => i.code,
      ),
    ).toEqual(["startTask.windowsContainerElevated"]);
    expect(
      validateStartTaskUpdate(t, { isContainerPool: true, nodeAgentSkuId: "batch.node.ubuntu 20.04" }),
    ).toEqual([]);
  });
});
