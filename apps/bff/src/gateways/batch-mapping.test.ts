import { describe, expect, it } from "vitest";
import { PoolStartTask } from "@batch-studio/shared";
import { toPoolStartTask } from "./batch-mapping";

describe("toPoolStartTask", () => {
  it("gives the edit dialog every editable field, with a registry's user name but never a password", () => {
    const mapped = toPoolStartTask({
      commandLine: "/bin/sh -c setup",
      environmentSettings: [{ name: "MODE", value: "fast" }, { name: "EMPTY" }],
      userIdentity: { autoUser: { scope: "pool", elevationLevel: "admin" } },
      waitForSuccess: false,
      maxTaskRetryCount: 2,
      resourceFiles: [{ httpUrl: "https://example.invalid/a" }, { httpUrl: "https://example.invalid/b" }],
      containerSettings: {
        imageName: "myacr.azurecr.io/setup:1",
        containerRunOptions: "--rm",
        registry: { registryServer: "myacr.azurecr.io", userName: "puller", password: "should-never-come-back" },
      },
    });
    expect(PoolStartTask.parse(mapped)).toEqual({
      commandLine: "/bin/sh -c setup",
      elevated: true,
      waitForSuccess: false,
      maxRetries: 2,
      env: [{ name: "MODE", value: "fast" }, { name: "EMPTY", value: "" }],
      containerSettings: {
        imageName: "myacr.azurecr.io/setup:1",
        runOptions: "--rm",
        workingDirectory: "taskWorkingDirectory",
        registry: { server: "myacr.azurecr.io", username: "puller" },
      },
      resourceFileCount: 2,
    });
    expect(JSON.stringify(mapped)).not.toContain("should-never-come-back");
  });

  it("names a managed identity registry and a named user account", () => {
    const mapped = toPoolStartTask({
      commandLine: "setup.cmd",
      userIdentity: { userName: "installer" },
      containerSettings: { imageName: "setup:1", registry: { registryServer: "myacr.azurecr.io", identityReference: { resourceId: "/subscriptions/s/rg/id" } } },
    });
    expect(mapped).toMatchObject({
      elevated: false,
      waitForSuccess: true,
      userName: "installer",
      containerSettings: { registry: { server: "myacr.azurecr.io", identityResourceId: "/subscriptions/s/rg/id" } },
    });
  });
});
