import { describe, expect, it } from "vitest";
import type { TaskSpec } from "@batch-studio/shared";
import { imageRegistry, taskForPool } from "./imageRegistry";

const registries = [
  { server: "index.docker.io", username: "hubuser" },
  { server: "MyAcr.azurecr.io", username: "robot" },
  { server: "idacr.azurecr.io" },
];

describe("imageRegistry", () => {
  it("matches the pool's registries the way Docker names hosts: any case, Docker Hub by any alias", () => {
    expect(imageRegistry("myorg/app:1", registries)).toEqual({ kind: "poolPassword", server: "index.docker.io", username: "hubuser" });
    expect(imageRegistry("registry-1.docker.io/myorg/app", registries)).toEqual({ kind: "poolPassword", server: "index.docker.io", username: "hubuser" });
    expect(imageRegistry("myacr.AZURECR.io/tools/app:2", registries)).toEqual({ kind: "poolPassword", server: "MyAcr.azurecr.io", username: "robot" });
  });

  it("tells a managed-identity registry (no user name) and a registry the pool has no login for", () => {
    expect(imageRegistry("idacr.azurecr.io/app@sha256:" + "a".repeat(64), registries)).toEqual({ kind: "poolIdentity", server: "idacr.azurecr.io" });
    expect(imageRegistry("Other.Example.com:5000/app:1", registries)).toEqual({ kind: "taskOwn", server: "Other.Example.com:5000" });
    expect(imageRegistry("myorg/app:1", [])).toEqual({ kind: "taskOwn", server: "docker.io" });
  });

  it("has no answer for a reference that does not parse", () => {
    expect(imageRegistry("https://myacr.azurecr.io/app", registries)).toBeUndefined();
    expect(imageRegistry("", registries)).toBeUndefined();
  });
});

describe("taskForPool", () => {
  const task: TaskSpec = {
    id: "t1",
    commandLine: "",
    env: [],
    constraints: { maxTaskRetryCount: 0 },
    elevated: false,
    requiredSlots: 1,
    containerSettings: {
      imageName: "myacr.azurecr.io/app:1",
      runOptions: "",
      workingDirectory: "taskWorkingDirectory",
      registry: { server: "myacr.azurecr.io", auth: { kind: "password", username: "robot", password: "s3cret" } },
    },
  };

  it("sends no registry login when the pool has one for the image's registry", () => {
    const sent = taskForPool(task, { kind: "poolPassword", server: "MyAcr.azurecr.io", username: "robot" });
    expect(sent.containerSettings).toEqual({ imageName: "myacr.azurecr.io/app:1", runOptions: "", workingDirectory: "taskWorkingDirectory" });
    expect(JSON.stringify(sent)).not.toContain("s3cret");
    expect(taskForPool(task, { kind: "poolIdentity", server: "myacr.azurecr.io" }).containerSettings?.registry).toBeUndefined();
  });

  it("keeps the task's own login for a registry the pool has none for", () => {
    expect(taskForPool(task, { kind: "taskOwn", server: "myacr.azurecr.io" })).toBe(task);
  });
});
