import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpProblem } from "../http/problem";
import { startTestIssuer } from "../testing/test-issuer";
import { createMetadataSource } from "./openid-metadata";
import { createTokenVerifier } from "./token-verifier";

type Issuer = Awaited<ReturnType<typeof startTestIssuer>>;

/** A verifier on a movable clock, counting full verifications (each one reads the metadata). */
const verifierFor = (issuer: Issuer, maxCachedTokens?: number) => {
  let t = Date.now();
  let fullVerifications = 0;
  const metadata = createMetadataSource(issuer.config());
  const verify = createTokenVerifier(
    issuer.config(),
    () => {
      fullVerifications++;
      return metadata();
    },
    { now: () => t, ...(maxCachedTokens !== undefined ? { maxCachedTokens } : {}) },
  );
  return { verify, advance: (ms: number) => (t += ms), at: (ms: number) => (t = ms), full: () => fullVerifications };
};

const statusOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 200;
  } catch (err) {
    return err instanceof HttpProblem ? err.problem.status : 500;
  }
};

describe("the verified-token cache", () => {
  let issuer: Issuer;
  beforeAll(async () => {
    issuer = await startTestIssuer();
  });
  afterAll(async () => {
    await issuer.close();
  });

  it("answers a token it verified without verifying it again", async () => {
    const v = verifierFor(issuer);
    const token = await issuer.sign();
    const first = await v.verify(`Bearer ${token}`);
    const second = await v.verify(`Bearer ${token}`);
    expect(second).toEqual(first);
    expect(v.full()).toBe(1);
  });

  it("never answers from the cache once the token's exp has passed", async () => {
    const v = verifierFor(issuer);
    const exp = Math.floor(Date.now() / 1000) + 120;
    const token = await issuer.sign({}, { expiresIn: exp });
    await v.verify(`Bearer ${token}`);
    v.at(exp * 1000); // exactly at exp: the cache must miss
    const full = v.full();
    await statusOf(v.verify(`Bearer ${token}`));
    expect(v.full()).toBe(full + 1);
    v.advance(61_000); // past jose's 60 s clock tolerance too
    expect(await statusOf(v.verify(`Bearer ${token}`))).toBe(401);
  });

  it("keeps users apart: each token answers with its own operator", async () => {
    const v = verifierFor(issuer);
    const alice = await issuer.sign({ oid: "aaaaaaaa-0000-4000-8000-000000000001", name: "Alice" });
    const bob = await issuer.sign({ oid: "bbbbbbbb-0000-4000-8000-000000000002", name: "Bob" });
    await v.verify(`Bearer ${alice}`);
    await v.verify(`Bearer ${bob}`);
    expect((await v.verify(`Bearer ${alice}`)).name).toBe("Alice");
    expect((await v.verify(`Bearer ${bob}`)).oid).toBe("bbbbbbbb-0000-4000-8000-000000000002");
    expect((await v.verify(`Bearer ${bob}`)).assertion).toBe(bob);
  });

  it("does not let a cached good token vouch for a forged one with the same claims", async () => {
    const v = verifierFor(issuer);
    const good = await issuer.sign();
    await v.verify(`Bearer ${good}`);
    const forged = await issuer.sign({}, { key: "forged" });
    expect(await statusOf(v.verify(`Bearer ${forged}`))).toBe(401);
    // Same header and payload, someone else's signature.
    const spliced = `${good.split(".").slice(0, 2).join(".")}.${forged.split(".")[2]}`;
    expect(await statusOf(v.verify(`Bearer ${spliced}`))).toBe(401);
  });

  it("holds at most its bound of tokens (the least recently used is verified again)", async () => {
    const v = verifierFor(issuer, 2);
    const tokens = await Promise.all([1, 2, 3].map((i) => issuer.sign({ oid: `0000000${i}-0000-4000-8000-000000000000` })));
    for (const t of tokens) await v.verify(`Bearer ${t}`);
    expect(v.full()).toBe(3);
    await v.verify(`Bearer ${tokens[2]}`);
    await v.verify(`Bearer ${tokens[1]}`);
    expect(v.full()).toBe(3);
    await v.verify(`Bearer ${tokens[0]}`); // evicted by the third
    expect(v.full()).toBe(4);
  });

  it("still refuses malformed headers before any cache lookup can matter", async () => {
    const v = verifierFor(issuer);
    const token = await issuer.sign();
    await v.verify(`Bearer ${token}`);
    expect(await statusOf(v.verify(`Bearer ${token} trailing`))).toBe(401);
    expect(await statusOf(v.verify(`bearer ${token}`))).toBe(401);
    expect(await statusOf(v.verify(undefined))).toBe(401);
  });
});
