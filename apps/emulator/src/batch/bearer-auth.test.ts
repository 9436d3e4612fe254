/**
 * Bearer tokens through the real @azure/batch 10.2.0 client, with the credential shape the
 * reference prescribes (signRequest setting the header): a tiny issuer in the test serves a JWKS
 * and signs RS256 tokens for https://batch.core.windows.net/. Also the gallery image rules that
 * only bearer callers can reach.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { GalleryImageFact } from "@batch-studio/shared";
import { BatchServiceClient } from "@azure/batch";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, startTestAccount, waitFor, type TestAccount } from "./testing/account-harness";

const AUDIENCE = "https://batch.core.windows.net/";
const SIG = "/subscriptions/sub1/resourceGroups/rg/providers/Microsoft.Compute/galleries/gal/images";

let issuer: Server;
let issuerUrl: string;
let sign: (claims: { aud?: string; iss?: string; expSeconds?: number }) => Promise<string>;
let acct: TestAccount;

const gallery: Record<string, GalleryImageFact> = {
  [`${SIG}/good`]: {
    imageId: `${SIG}/good`,
    exists: true,
    osState: "Generalized",
    replicas: [{ region: "West Europe", count: 1 }],
  },
  [`${SIG}/specialized`]: {
    imageId: `${SIG}/specialized`,
    exists: true,
    osState: "Specialized",
    replicas: [{ region: "westeurope", count: 1 }],
  },
  [`${SIG}/elsewhere`]: {
    imageId: `${SIG}/elsewhere`,
    exists: true,
    osState: "Generalized",
    replicas: [{ region: "eastus", count: 2 }],
  },
};

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  issuer = createServer((req, res) => {
    res.writeHead(req.url === "/jwks" ? 200 : 404, { "content-type": "application/json" });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => issuer.listen(0, "127.0.0.1", () => r()));
  issuerUrl = `http://127.0.0.1:${(issuer.address() as AddressInfo).port}`;
  sign = ({ aud = AUDIENCE, iss = issuerUrl, expSeconds = 600 }) =>
    new SignJWT({ oid: "user-1" })
      .setProtectedHeader({ alg: "RS256", kid: "k1", typ: "JWT" })
      .setIssuer(iss)
      .setAudience(aud)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + expSeconds)
      .sign(privateKey);
  acct = await startTestAccount({
    bearer: { issuer: issuerUrl, jwksUri: `${issuerUrl}/jwks` },
    galleryLookup: async (id) => gallery[id] ?? { imageId: id, exists: false },
  });
});

afterAll(async () => {
  await acct?.dispose();
  await new Promise((r) => issuer?.close(r));
});

const bearerClient = (token: string) =>
  new BatchServiceClient(
    {
      signRequest: async (r) => {
        r.headers.set("authorization", "Bearer " + token);
        return r;
      },
    },
    acct.handle.url,
  );

const sigPool = (id: string, image: string) => ({
  id,
  vmSize: "standard_d2s_v3",
  virtualMachineConfiguration: {
    imageReference: { virtualMachineImageId: `${SIG}/${image}` },
    nodeAgentSKUId: "batch.node.ubuntu 22.04",
  },
  targetDedicatedNodes: 1,
});

describe("bearer authentication", () => {
  it("accepts a token for the Batch audience and refuses other audiences, issuers and expired tokens", async () => {
    const client = bearerClient(await sign({}));
    expect((await client.pool.list()).length).toBe(0);
    for (const bad of [
      await sign({ aud: "https://management.azure.com/" }),
      await sign({ iss: "http://evil" }),
      await sign({ expSeconds: -60 }),
    ])
      expect(await failure(bearerClient(bad).pool.list())).toMatchObject({
        statusCode: 401,
        code: "AuthenticationFailed",
      });
    expect(await failure(bearerClient("not-a-jwt").job.list())).toMatchObject({ statusCode: 401 });
  });

  it("creates a Shared Image Gallery pool that allocates nodes", async () => {
    const client = bearerClient(await sign({}));
    expect((await client.pool.add(sigPool("sig-good", "good")))._response.status).toBe(201);
    await waitFor(
      () => client.computeNode.list("sig-good"),
      (ns) => ns[0]?.state === "idle",
      10_000,
      "idle node",
    );
  });

  it("refuses an unknown gallery image with InvalidPropertyValue naming virtualMachineImageId", async () => {
    const e = await failure(bearerClient(await sign({})).pool.add(sigPool("sig-missing", "missing")));
    expect(e).toMatchObject({ statusCode: 400, code: "InvalidPropertyValue" });
    expect(e.body?.values?.[0]).toEqual({ key: "PropertyName", value: "virtualMachineImageId" });
  });

  it("accepts Specialized or unreplicated images but fails their allocation with resizeErrors", async () => {
    const client = bearerClient(await sign({}));
    for (const [id, image, text] of [
      ["sig-spec", "specialized", "Specialized"],
      ["sig-far", "elsewhere", "westeurope"],
    ] as const) {
      await client.pool.add(sigPool(id, image));
      const pool = await waitFor(
        () => client.pool.get(id),
        (p) => p.allocationState === "steady" && !!p.resizeErrors,
        10_000,
        `${id} steady`,
      );
      expect(pool.currentDedicatedNodes).toBe(0);
      expect(pool.resizeErrors?.[0]?.code).toBe("AllocationFailed");
      expect(pool.resizeErrors?.[0]?.message).toContain(text);
      expect((await client.computeNode.list(id)).length).toBe(0);
    }
  });
});
