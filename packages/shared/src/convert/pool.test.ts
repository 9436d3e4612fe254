import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PoolSpecResponse } from "../api/pools";
import { PoolSpec } from "../pool-spec";
import type { RegistrySpec } from "../registry-spec";
import { poolSpecArb } from "../testing/arbitraries";
import type { CloudPool } from "./batch-models";
import { fromCloudPool } from "./from-cloud-pool";
import { toPoolAddParameter } from "./pool";

const blank = (r: RegistrySpec): RegistrySpec =>
  r.auth.kind === "password" ? { ...r, auth: { ...r.auth, password: "" } } : r;
/** The spec with every registry password emptied: what a clone can know. */
const withoutPasswords = (spec: PoolSpec): PoolSpec => {
  const copy = structuredClone(spec);
  if (copy.container) copy.container.registries = copy.container.registries.map(blank);
  if (copy.startTask?.containerSettings?.registry)
    copy.startTask.containerSettings.registry = blank(copy.startTask.containerSettings.registry);
  return copy;
};

describe("toPoolAddParameter", () => {
  it("sends containerConfiguration {type: dockerCompatible} for a container pool with nothing to prefetch", () => {
    const spec = PoolSpec.parse({
      id: "p",
      vmSize: "STANDARD_D1_V2",
      image: {
        kind: "marketplace",
        publisher: "microsoft-azure-batch",
        offer: "ubuntu-server-container",
        sku: "16-04-lts",
      },
      nodeAgentSkuId: "batch.node.ubuntu 16.04",
      container: {},
    });
    expect(toPoolAddParameter(spec)).toEqual({
      id: "p",
      vmSize: "STANDARD_D1_V2",
      virtualMachineConfiguration: {
        imageReference: {
          publisher: "microsoft-azure-batch",
          offer: "ubuntu-server-container",
          sku: "16-04-lts",
          version: "latest",
        },
        nodeAgentSKUId: "batch.node.ubuntu 16.04",
        containerConfiguration: { type: "dockerCompatible" },
      },
      resizeTimeout: "PT15M",
      targetDedicatedNodes: 1,
      targetLowPriorityNodes: 0,
      taskSlotsPerNode: 1,
    });
  });

  it("maps gallery images, registries of both kinds and the start task", () => {
    const spec = PoolSpec.parse({
      id: "p",
      vmSize: "Standard_D2s_v3",
      image: {
        kind: "gallery",
        imageId: "/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/galleries/g/images/d",
      },
      nodeAgentSkuId: "batch.node.ubuntu 20.04",
      container: {
        prefetchImages: ["a.io/x"],
        registries: [
          { server: "a.io", auth: { kind: "password", username: "u", password: "pw" } },
          { server: "b.io", auth: { kind: "identity", identityResourceId: "/id" } },
        ],
      },
      startTask: {
        commandLine: "echo",
        elevated: true,
        env: [{ name: "A", value: "1" }],
        containerSettings: { imageName: "a.io/x", runOptions: "--rm" },
      },
    });
    const body = toPoolAddParameter(spec);
    expect(body.virtualMachineConfiguration?.imageReference).toEqual({
      virtualMachineImageId:
        "/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/galleries/g/images/d",
    });
    expect(body.virtualMachineConfiguration?.containerConfiguration?.containerRegistries).toEqual([
      { registryServer: "a.io", userName: "u", password: "pw" },
      { registryServer: "b.io", identityReference: { resourceId: "/id" } },
    ]);
    expect(body.startTask).toEqual({
      commandLine: "echo",
      containerSettings: {
        imageName: "a.io/x",
        containerRunOptions: "--rm",
        workingDirectory: "taskWorkingDirectory",
      },
      environmentSettings: [{ name: "A", value: "1" }],
      userIdentity: { autoUser: { scope: "pool", elevationLevel: "admin" } },
      maxTaskRetryCount: 0,
      waitForSuccess: true,
    });
  });
});

describe("fromCloudPool", () => {
  it("round-trips: spec -> PoolAddParameter -> CloudPool -> spec is identity modulo passwords", () => {
    fc.assert(
      fc.property(poolSpecArb, (spec) => {
        const cloned = fromCloudPool(structuredClone(toPoolAddParameter(spec)) as CloudPool);
        expect(cloned.ok && cloned.spec).toEqual(withoutPasswords(spec));
      }),
      { numRuns: 500 },
    );
  });

  it("answers what the clone route's response schema promises: blanks exactly at the re-entry paths", () => {
    fc.assert(
      fc.property(poolSpecArb, (spec) => {
        const cloned = fromCloudPool(structuredClone(toPoolAddParameter(spec)) as CloudPool);
        if (!cloned.ok) throw new Error(cloned.reason);
        const answer = { spec: cloned.spec, reentry: cloned.reentry, ignored: cloned.ignored };
        expect(PoolSpecResponse.safeParse(answer).success).toBe(true);
        // A blank the answer does not list for re-entry is refused.
        if (cloned.reentry.length > 0)
          expect(PoolSpecResponse.safeParse({ ...answer, reentry: [] }).success).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("says which passwords need re-entry and never returns them", () => {
    const spec = PoolSpec.parse({
      id: "p",
      vmSize: "s",
      image: { kind: "marketplace", publisher: "a", offer: "b", sku: "c" },
      nodeAgentSkuId: "batch.node.ubuntu 20.04",
      container: {
        registries: [{ server: "a.io", auth: { kind: "password", username: "u", password: "hunter2" } }],
      },
    });
    const cloned = fromCloudPool(toPoolAddParameter(spec) as CloudPool);
    expect(cloned).toMatchObject({
      ok: true,
      reentry: [{ path: ["container", "registries", 0, "auth", "password"] }],
      ignored: [],
    });
    expect(JSON.stringify(cloned)).not.toContain("hunter2");
  });

  it("lists what a clone will not copy and refuses what it cannot express", () => {
    const base = toPoolAddParameter(
      PoolSpec.parse({
        id: "p",
        vmSize: "s",
        image: { kind: "marketplace", publisher: "a", offer: "b", sku: "c" },
        nodeAgentSkuId: "n",
      }),
    );
    const pool: CloudPool = {
      ...base,
      enableAutoScale: true,
      mountConfiguration: [],
      identity: { type: "UserAssigned", userAssignedIdentities: [] },
    };
    expect(fromCloudPool(pool)).toMatchObject({
      ok: true,
      ignored: ["enableAutoScale", "mountConfiguration", "identity"],
    });
    // Batch echoes these defaults on every pool: nothing is lost, so nothing is reported.
    const echoed: CloudPool = {
      ...base,
      taskSchedulingPolicy: { nodeFillType: "spread" },
      targetNodeCommunicationMode: "default",
    };
    expect(fromCloudPool(echoed)).toMatchObject({ ok: true, ignored: [] });
    const packed: CloudPool = {
      ...base,
      taskSchedulingPolicy: { nodeFillType: "pack" },
      targetNodeCommunicationMode: "simplified",
    };
    expect(fromCloudPool(packed)).toMatchObject({
      ok: true,
      ignored: ["taskSchedulingPolicy", "targetNodeCommunicationMode"],
    });
    expect(fromCloudPool({ id: "p", vmSize: "s" })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/Cloud Services/),
    });
    expect(fromCloudPool({})).toMatchObject({ ok: false });
  });
});
