import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConfidentialClientApplication } from "@azure/msal-node";
import { BatchManagementClient } from "@azure/arm-batch";
import type { ComputeManagementClient } from "@azure/arm-compute";
import { SignJWT, generateKeyPair } from "jose";
import type { LocalIdentity } from "../identity";
import { SEEDED_OPERATORS } from "../identity/operators";
import { startArm, type LocalArm } from "./arm-server";
import { allowBearerOverLoopbackHttp, type SimpleTokenCredential } from "./loopback-bearer";
import { startArmHarness, type ArmHarness } from "./testing/arm-harness";
import { ARM_SCOPE, BATCH_SCOPE } from "../local-azure-constants";
import { DEFAULT_SEED, vmSkusIn } from "../seed";

const SPA_ORIGIN = "http://localhost:43997";
const SUB = DEFAULT_SEED.subscription.subscriptionId;

describe("local ARM subset driven by the real ARM SDKs", () => {
  let harness: ArmHarness;
  let identity: LocalIdentity;
  let arm: LocalArm;
  let bff: ConfidentialClientApplication;
  let userToken: string;
  let obo: SimpleTokenCredential;

  beforeAll(async () => {
    harness = await startArmHarness({
      spaOrigin: SPA_ORIGIN,
      arm: { pageSize: 2, accountEndpoints: { contosoweu: "127.0.0.1:4410" } },
    });
    ({ identity, arm, bff } = harness);
    userToken = await harness.userToken(SEEDED_OPERATORS[0]!.oid);
    obo = await harness.credentialFor(SEEDED_OPERATORS[0]!.oid);
  });
  afterAll(async () => {
    await harness?.close();
  });

  function batchClient(credential: SimpleTokenCredential = obo): BatchManagementClient {
    const client = new BatchManagementClient(credential, SUB, {
      endpoint: arm.url,
      retryOptions: { maxRetries: 0 },
    });
    allowBearerOverLoopbackHttp(client.pipeline, credential, [ARM_SCOPE]);
    return client;
  }

  const computeClient = (): ComputeManagementClient => harness.compute(obo);

  async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
    const out: T[] = [];
    for await (const x of it) out.push(x);
    return out;
  }

  it("lists and gets Batch accounts with quotas and the local endpoint (following nextLink)", async () => {
    const client = batchClient();
    const accounts = await all(client.batchAccountOperations.list());
    expect(accounts.map((a) => a.name).sort()).toEqual(["contosoeus", "contosoweu"]);
    const weu = await client.batchAccountOperations.get("rg-batch-studio", "contosoweu");
    expect(weu).toMatchObject({
      location: "westeurope",
      accountEndpoint: "127.0.0.1:4410",
      poolAllocationMode: "BatchService",
      dedicatedCoreQuota: 200,
      lowPriorityCoreQuota: 100,
      poolQuota: 100,
      activeJobAndJobScheduleQuota: 300,
      dedicatedCoreQuotaPerVMFamilyEnforced: true,
    });
    expect(weu.dedicatedCoreQuotaPerVMFamily).toContainEqual({ name: "standardDSv3Family", coreQuota: 100 });
  });

  it("lists every VM SKU Batch supports in a location across pages, with capabilities", async () => {
    const skus = await all(batchClient().location.listSupportedVirtualMachineSkus("westeurope"));
    expect(skus.length).toBe(vmSkusIn("westeurope").length);
    const nc = skus.find((s) => s.name === "Standard_NC6s_v3")!;
    expect(nc.familyName).toBe("standardNCSv3Family");
    const caps = Object.fromEntries(nc.capabilities!.map((c) => [c.name, c.value]));
    expect(caps).toMatchObject({
      vCPUs: "6",
      MemoryGB: "112",
      GPUs: "1",
      LowPriorityCapable: "True",
      RdmaEnabled: "False",
    });
    const hb = skus.find((s) => s.name === "Standard_HB120rs_v3")!;
    expect(hb.capabilities!.find((c) => c.name === "RdmaEnabled")!.value).toBe("True");
  });

  it("refuses a region the local Batch provider does not serve", async () => {
    await expect(
      all(batchClient().location.listSupportedVirtualMachineSkus("marsnorth")),
    ).rejects.toMatchObject({ statusCode: 400, code: "LocationNotAvailableForResourceType" });
  });

  it("answers 404 ResourceNotFound and ResourceGroupNotFound in ARM's shape", async () => {
    await expect(batchClient().batchAccountOperations.get("rg-batch-studio", "nope")).rejects.toMatchObject({
      statusCode: 404,
      code: "ResourceNotFound",
    });
    await expect(batchClient().batchAccountOperations.get("rg-missing", "contosoweu")).rejects.toMatchObject({
      statusCode: 404,
      code: "ResourceGroupNotFound",
    });
  });

  it("lists galleries, image definitions and versions with the arm-compute SDK", async () => {
    const compute = computeClient();
    const galleries = await all(compute.galleries.list());
    expect(galleries.map((g) => g.name)).toEqual(["contosoImages"]);
    const images = await all(compute.galleryImages.listByGallery("rg-images", "contosoImages"));
    expect(images.map((i) => i.name)).toEqual([
      "ubuntu2004-batch-container",
      "windows2022-containers",
      "render-node-snapshot",
    ]);
    const specialized = images.find((i) => i.name === "render-node-snapshot")!;
    expect(specialized).toMatchObject({
      osType: "Linux",
      osState: "Specialized",
      hyperVGeneration: "V2",
      identifier: { publisher: "contoso", offer: "render-node", sku: "snapshot" },
    });
    const versions = await all(
      compute.galleryImageVersions.listByGalleryImage(
        "rg-images",
        "contosoImages",
        "ubuntu2004-batch-container",
      ),
    );
    expect(versions.map((v) => v.name)).toEqual(["1.0.0", "1.1.0"]);
    const v11 = await compute.galleryImageVersions.get(
      "rg-images",
      "contosoImages",
      "ubuntu2004-batch-container",
      "1.1.0",
    );
    expect(v11.publishingProfile?.targetRegions).toEqual([
      expect.objectContaining({ name: "West Europe", regionalReplicaCount: 2 }),
    ]);
    expect(v11.provisioningState).toBe("Succeeded");
    await expect(compute.galleryImages.get("rg-images", "contosoImages", "nope")).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it("lists the subscription for users; an app with no role sees none and gets 403 below it", async () => {
    const token = (await obo.getToken([]))!.token;
    const res = await fetch(`${arm.url}/subscriptions?api-version=2022-12-01`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await res.json()).toMatchObject({
      value: [{ subscriptionId: SUB, displayName: "Contoso Research", state: "Enabled" }],
    });

    const app = await bff.acquireTokenByClientCredential({ scopes: [ARM_SCOPE] });
    const appAuth = { authorization: `Bearer ${app!.accessToken}` };
    expect(
      await (await fetch(`${arm.url}/subscriptions?api-version=2022-12-01`, { headers: appAuth })).json(),
    ).toEqual({ value: [] });
    const denied = await fetch(
      `${arm.url}/subscriptions/${SUB}/providers/Microsoft.Batch/batchAccounts?api-version=2023-11-01`,
      { headers: appAuth },
    );
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({
      error: {
        code: "AuthorizationFailed",
        message: expect.stringContaining("Microsoft.Batch/batchAccounts/read"),
      },
    });
  });

  it("refuses missing, expired, forged and wrong-audience tokens with 401 and a Bearer challenge", async () => {
    const url = `${arm.url}/subscriptions/${SUB}/providers/Microsoft.Batch/batchAccounts?api-version=2023-11-01`;
    const missing = await fetch(url);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(
      /^Bearer authorization_uri="http:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]+", error="invalid_token"/,
    );
    expect(await missing.json()).toMatchObject({ error: { code: "AuthenticationFailed" } });

    const batch = await bff.acquireTokenOnBehalfOf({ oboAssertion: userToken, scopes: [BATCH_SCOPE] });
    const wrongAud = await fetch(url, { headers: { authorization: `Bearer ${batch!.accessToken}` } });
    expect(wrongAud.status).toBe(401);
    expect(await wrongAud.json()).toMatchObject({ error: { code: "InvalidAuthenticationTokenAudience" } });

    const { privateKey } = await generateKeyPair("RS256");
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      aud: "https://management.azure.com/",
      oid: SEEDED_OPERATORS[0]!.oid,
      tid: DEFAULT_SEED.subscription.tenantId,
    };
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: "forged" })
      .setIssuer(identity.issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(privateKey);
    const forgedRes = await fetch(url, { headers: { authorization: `Bearer ${forged}` } });
    expect(forgedRes.status).toBe(401);
    expect(await forgedRes.json()).toMatchObject({ error: { code: "InvalidAuthenticationToken" } });

    // A real token checked by an ARM whose clock runs two hours ahead: expired.
    const later = await startArm({ port: 0, identity, now: () => Date.now() + 2 * 3600_000 });
    try {
      const real = (await obo.getToken([]))!.token;
      const expiredRes = await fetch(
        `${later.url}/subscriptions/${SUB}/providers/Microsoft.Batch/batchAccounts?api-version=2023-11-01`,
        { headers: { authorization: `Bearer ${real}` } },
      );
      expect(expiredRes.status).toBe(401);
      expect(await expiredRes.json()).toMatchObject({ error: { code: "ExpiredAuthenticationToken" } });
    } finally {
      await later.close();
    }

    await expect(
      all(
        batchClient({
          getToken: async () => ({ token: forged, expiresOnTimestamp: Date.now() + 60_000 }),
        }).batchAccountOperations.list(),
      ),
    ).rejects.toMatchObject({ statusCode: 401, code: "InvalidAuthenticationToken" });
  });

  it("requires a supported api-version", async () => {
    const token = (await obo.getToken([]))!.token;
    const headers = { authorization: `Bearer ${token}` };
    const none = await fetch(`${arm.url}/subscriptions/${SUB}/providers/Microsoft.Batch/batchAccounts`, {
      headers,
    });
    expect(await none.json()).toMatchObject({ error: { code: "MissingApiVersionParameter" } });
    const old = await fetch(
      `${arm.url}/subscriptions/${SUB}/providers/Microsoft.Batch/batchAccounts?api-version=2015-01-01`,
      { headers },
    );
    expect(old.status).toBe(400);
    expect(await old.json()).toMatchObject({ error: { code: "InvalidApiVersionParameter" } });
  });

  it("resolves gallery image ids for the data plane (definition id → latest version)", () => {
    const base = `/subscriptions/${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/contosoImages/images`;
    expect(arm.galleryLookup(`${base}/ubuntu2004-batch-container`)).toMatchObject({
      exists: true,
      // The version a definition id means, by its own id (what a replica change must name).
      versionId: `${base}/ubuntu2004-batch-container/versions/1.1.0`,
      osType: "linux",
      osState: "Generalized",
      replicas: [{ region: "westeurope", count: 2 }],
    });
    expect(arm.galleryLookup(`${base}/UBUNTU2004-batch-container/versions/1.0.0`)).toMatchObject({
      exists: true,
      replicas: [{ region: "westeurope", count: 1 }],
    });
    expect(arm.galleryLookup(`${base}/render-node-snapshot`)).toMatchObject({
      exists: true,
      osState: "Specialized",
    });
    expect(arm.galleryLookup(`${base}/nope`)).toEqual({ imageId: `${base}/nope`, exists: false });
    expect(arm.galleryLookup(`${base}/ubuntu2004-batch-container/versions/9.9.9`).exists).toBe(false);
  });
});
