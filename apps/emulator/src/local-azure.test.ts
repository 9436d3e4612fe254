import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfidentialClientApplication } from "@azure/msal-node";
import { BatchServiceClient, BatchSharedKeyCredentials } from "@azure/batch";
import { startLocalAzure, type LocalAzure } from "./local-azure";
import { headlessSignIn } from "./identity/headless-sign-in";
import { SEEDED_OPERATORS } from "./identity/operators";
import { ARM_SCOPE, BATCH_SCOPE, BFF_CLIENT_ID, DEFAULT_BFF_CLIENT_SECRET } from "./local-azure-constants";
import { DEFAULT_SEED } from "./seed";

const SPA_ORIGIN = "http://localhost:43996";
const GALLERY = `/subscriptions/${DEFAULT_SEED.subscription.subscriptionId}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/contosoImages/images`;

type SignableRequest = { headers: { set(name: string, value: string): void } };
type Credentials = ConstructorParameters<typeof BatchServiceClient>[0];

describe("the composed local Azure: Batch accepts this identity's tokens and applies the gallery rules", () => {
  let dataDir: string;
  let azure: LocalAzure;
  let bff: ConfidentialClientApplication;
  let userToken: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "bs-local-azure-"));
    azure = await startLocalAzure({
      dataDir,
      ports: { identity: 0, arm: 0, batch: [0, 0] },
      runtime: "process",
      spaOrigins: [SPA_ORIGIN],
      timeScale: { nodeAllocateMs: 30, nodeBootMs: 30, stepMs: 10 },
    });
    bff = new ConfidentialClientApplication({
      auth: {
        clientId: BFF_CLIENT_ID,
        clientSecret: DEFAULT_BFF_CLIENT_SECRET,
        authority: azure.identity.authority,
        knownAuthorities: azure.identity.knownAuthorities,
        authorityMetadata: azure.identity.authorityMetadata,
      },
    });
    userToken = (
      await headlessSignIn({
        issuer: azure.identity.issuer,
        redirectUri: `${SPA_ORIGIN}/`,
        operatorOid: SEEDED_OPERATORS[0]!.oid,
      })
    ).tokens.access_token;
  });
  afterAll(async () => {
    await azure?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The credential shape @azure/batch 10.2.0 needs for Entra tokens (a TokenCredential would ask for the ARM scope). */
  function oboCredential(scope = BATCH_SCOPE): Credentials {
    return {
      async signRequest(request: SignableRequest) {
        const result = await bff.acquireTokenOnBehalfOf({ oboAssertion: userToken, scopes: [scope] });
        request.headers.set("authorization", `Bearer ${result!.accessToken}`);
        return request;
      },
    } as unknown as Credentials;
  }

  const account = (name: string) => azure.accounts.find((a) => a.name === name)!;

  function sigPool(id: string, imageId: string) {
    return {
      id,
      vmSize: "standard_d2s_v3",
      targetDedicatedNodes: 1,
      virtualMachineConfiguration: {
        imageReference: { virtualMachineImageId: imageId },
        nodeAgentSKUId: "batch.node.ubuntu 20.04",
      },
    };
  }

  async function steady(client: BatchServiceClient, poolId: string) {
    for (let i = 0; i < 200; i++) {
      const pool = await client.pool.get(poolId);
      if (pool.allocationState === "steady") return pool;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`pool ${poolId} never reached steady`);
  }

  it("writes endpoints.json and points ARM's accountEndpoint at each data plane", async () => {
    const written = JSON.parse(readFileSync(join(dataDir, "endpoints.json"), "utf8"));
    expect(written.accounts.map((a: { name: string }) => a.name)).toEqual(["contosoweu", "contosoeus"]);
    const armToken = (await bff.acquireTokenOnBehalfOf({ oboAssertion: userToken, scopes: [ARM_SCOPE] }))!
      .accessToken;
    const res = await fetch(
      `${azure.arm.url}/subscriptions/${DEFAULT_SEED.subscription.subscriptionId}/resourceGroups/rg-batch-studio/providers/Microsoft.Batch/batchAccounts/contosoeus?api-version=2023-11-01`,
      {
        headers: { authorization: `Bearer ${armToken}` },
      },
    );
    expect(
      ((await res.json()) as { properties: { accountEndpoint: string } }).properties.accountEndpoint,
    ).toBe(new URL(account("contosoeus").url).host);
  });

  it("accepts an on-behalf-of Batch token and refuses an ARM token", async () => {
    const client = new BatchServiceClient(oboCredential(), account("contosoweu").url);
    const images = await client.account.listSupportedImages();
    expect(images.length).toBe(DEFAULT_SEED.supportedImages.length);
    const wrong = new BatchServiceClient(oboCredential(ARM_SCOPE), account("contosoweu").url);
    await expect(wrong.pool.list()).rejects.toMatchObject({ statusCode: 401 });
  });

  it("refuses an unknown gallery image with InvalidPropertyValue on virtualMachineImageId", async () => {
    const client = new BatchServiceClient(oboCredential(), account("contosoweu").url);
    const err = await client.pool
      .add(sigPool("sig-unknown", `${GALLERY}/no-such-image`))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ statusCode: 400, code: "InvalidPropertyValue" });
    expect(JSON.stringify((err as { body?: unknown }).body)).toContain("virtualMachineImageId");
  });

  it("fails allocation of a specialized image with a resize error that says why", async () => {
    const client = new BatchServiceClient(oboCredential(), account("contosoweu").url);
    await client.pool.add(sigPool("sig-specialized", `${GALLERY}/render-node-snapshot`));
    const pool = await steady(client, "sig-specialized");
    expect(pool.resizeErrors?.[0]).toMatchObject({
      code: "AllocationFailed",
      message: expect.stringContaining("Specialized"),
    });
  });

  it("fails allocation in East US of an image replicated only to West Europe, and allocates it in West Europe", async () => {
    const eus = new BatchServiceClient(oboCredential(), account("contosoeus").url);
    await eus.pool.add(sigPool("sig-weu-only", `${GALLERY}/ubuntu2004-batch-container`));
    expect((await steady(eus, "sig-weu-only")).resizeErrors?.[0]?.message).toContain("eastus");

    const weu = new BatchServiceClient(oboCredential(), account("contosoweu").url);
    await weu.pool.add(sigPool("sig-weu", `${GALLERY}/ubuntu2004-batch-container/versions/1.1.0`));
    expect((await steady(weu, "sig-weu")).resizeErrors ?? []).toEqual([]);
  });

  it("refuses a gallery pool over SharedKey with an error naming virtualMachineImageId", async () => {
    const a = account("contosoweu");
    const client = new BatchServiceClient(new BatchSharedKeyCredentials(a.name, a.key), a.url);
    const err = await client.pool
      .add(sigPool("sig-sharedkey", `${GALLERY}/ubuntu2004-batch-container`))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ statusCode: 400, code: "InvalidPropertyValue" });
    expect(JSON.stringify((err as { body?: unknown }).body)).toContain("virtualMachineImageId");
  });
});
