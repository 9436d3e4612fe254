import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ComputeManagementClient } from "@azure/arm-compute";
import { SEEDED_OPERATORS } from "../identity/operators";
import { LOCAL_TENANT_ID } from "../local-azure-constants";
import { DEFAULT_SEED, type LocalAzureSeed } from "../seed";
import { startArmHarness, type ArmHarness } from "./testing/arm-harness";

const SPA_ORIGIN = "http://localhost:43996";
const SUB = DEFAULT_SEED.subscription.subscriptionId;
const SHARED_SUB = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0";
const FOREIGN_SUB = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const FOREIGN_TENANT = "33e01921-4d64-4f8c-a055-5bdaffd5e33d";

/** The default world plus a subscription of the same tenant without Microsoft.Batch, and one of another tenant. */
const seed: LocalAzureSeed = {
  ...DEFAULT_SEED,
  otherSubscriptions: [
    {
      subscriptionId: SHARED_SUB,
      displayName: "Shared images",
      tenantId: LOCAL_TENANT_ID,
      state: "Enabled",
      resourceProviders: { "Microsoft.Compute": "Registered" },
    },
    {
      subscriptionId: FOREIGN_SUB,
      displayName: "Partner",
      tenantId: FOREIGN_TENANT,
      state: "Enabled",
      resourceProviders: { "Microsoft.Batch": "Registered" },
    },
  ],
  galleries: DEFAULT_SEED.galleries.map((g) => ({
    ...g,
    images: g.images.map((i) =>
      i.name === "ubuntu2004-batch-container"
        ? {
            ...i,
            versions: i.versions.map((v) =>
              v.name === "1.0.0" ? { ...v, replicationState: { westeurope: "Failed" as const } } : v,
            ),
          }
        : i,
    ),
  })),
};

describe("subscriptions, resource providers and replication status", () => {
  let harness: ArmHarness;
  let token: string;
  let compute: ComputeManagementClient;
  const get = (path: string, apiVersion = "2021-04-01") =>
    fetch(`${harness.arm.url}${path}?api-version=${apiVersion}`, {
      headers: { authorization: `Bearer ${token}` },
    });

  beforeAll(async () => {
    harness = await startArmHarness({ spaOrigin: SPA_ORIGIN, arm: { seed } });
    const credential = await harness.credentialFor(SEEDED_OPERATORS[0]!.oid);
    token = (await credential.getToken([]))!.token;
    compute = harness.compute(credential);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("answers GET /subscriptions/{id} with the tenant, for the main and the other subscriptions", async () => {
    expect(await (await get(`/subscriptions/${SUB}`)).json()).toMatchObject({
      subscriptionId: SUB,
      tenantId: LOCAL_TENANT_ID,
    });
    expect(await (await get(`/subscriptions/${SHARED_SUB.toUpperCase()}`)).json()).toMatchObject({
      subscriptionId: SHARED_SUB,
      tenantId: LOCAL_TENANT_ID,
      displayName: "Shared images",
    });
    // Account discovery walks only the main one.
    const listed = (await (await get("/subscriptions", "2022-12-01")).json()) as {
      value: { subscriptionId: string }[];
    };
    expect(listed.value.map((s) => s.subscriptionId)).toEqual([SUB]);
    expect((await get(`/subscriptions/11111111-2222-4333-8444-555555555555`)).status).toBe(404);
  });

  it("reports each resource provider's registrationState (namespace in any case)", async () => {
    const state = async (sub: string, ns: string) =>
      (await (await get(`/subscriptions/${sub}/providers/${ns}`)).json()) as {
        registrationState: string;
        namespace: string;
      };
    expect(await state(SUB, "Microsoft.Batch")).toMatchObject({
      namespace: "Microsoft.Batch",
      registrationState: "Registered",
    });
    expect(await state(SUB, "microsoft.batch")).toMatchObject({
      namespace: "Microsoft.Batch",
      registrationState: "Registered",
    });
    expect(await state(SHARED_SUB, "Microsoft.Batch")).toMatchObject({ registrationState: "NotRegistered" });
    expect(await state(SHARED_SUB, "Microsoft.Compute")).toMatchObject({ registrationState: "Registered" });
    const bad = await get(`/subscriptions/${SUB}/providers/nodots`);
    expect(bad.status).toBe(404);
    expect(await bad.json()).toMatchObject({ error: { code: "InvalidResourceNamespace" } });
  });

  it("answers a subscription of another tenant with 401 InvalidAuthenticationTokenTenant naming its tenant", async () => {
    for (const path of [
      `/subscriptions/${FOREIGN_SUB}`,
      `/subscriptions/${FOREIGN_SUB}/providers/Microsoft.Batch`,
    ]) {
      const res = await get(path);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain(`https://login.windows.net/${FOREIGN_TENANT}`);
      expect(await res.json()).toMatchObject({
        error: {
          code: "InvalidAuthenticationTokenTenant",
          message: expect.stringContaining(
            `It must match the tenant 'https://sts.windows.net/${FOREIGN_TENANT}/' associated with this subscription.`,
          ),
        },
      });
    }
  });

  it("holds no resources in the other subscriptions", async () => {
    const res = await get(
      `/subscriptions/${SHARED_SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/contosoImages`,
      "2025-03-03",
    );
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "ResourceGroupNotFound" } });
  });

  it("expands ReplicationStatus per region, from the seed or the provisioning state", async () => {
    const failed = await compute.galleryImageVersions.get(
      "rg-images",
      "contosoImages",
      "ubuntu2004-batch-container",
      "1.0.0",
      {
        expand: "ReplicationStatus",
      },
    );
    expect(failed.replicationStatus).toMatchObject({
      aggregatedState: "Failed",
      summary: [{ region: "West Europe", state: "Failed", progress: 0 }],
    });
    const ok = await compute.galleryImageVersions.get(
      "rg-images",
      "contosoImages",
      "ubuntu2004-batch-container",
      "1.1.0",
      {
        expand: "ReplicationStatus",
      },
    );
    expect(ok.replicationStatus).toMatchObject({
      aggregatedState: "Completed",
      summary: [{ region: "West Europe", state: "Completed", progress: 100 }],
    });
  });
});
