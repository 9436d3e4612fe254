/**
 * "Clone this pool" through the real @azure/batch 10.2.0 client: pool.add sends our body to a
 * loopback server, pool.get reads it back (without passwords, as Batch answers) and the SDK
 * deserializes it into the CloudPool that fromCloudPool turns back into the spec.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { BatchServiceClient, BatchSharedKeyCredentials } from "@azure/batch";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PoolSpec } from "../pool-spec";
import type { RegistrySpec } from "../registry-spec";
import { poolSpecArb } from "../testing/arbitraries";
import { fromCloudPool } from "./from-cloud-pool";
import { toPoolAddParameter } from "./pool";

let server: Server;
let client: BatchServiceClient;
const pools = new Map<string, Record<string, unknown>>();

/** Batch never returns registry passwords. */
const withoutWirePasswords = (body: Record<string, unknown>): Record<string, unknown> =>
  JSON.parse(
    JSON.stringify(body, (key, value: unknown) => (key === "password" ? undefined : value)),
  ) as Record<string, unknown>;

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (req.method === "POST" && url.pathname === "/pools") {
        const body = JSON.parse(text) as Record<string, unknown>;
        pools.set(String(body.id), body);
        res.writeHead(201, { "content-length": "0" }).end();
        return;
      }
      const stored = pools.get(decodeURIComponent(url.pathname.replace(/^\/pools\//, "")));
      if (req.method === "GET" && stored) {
        const json = JSON.stringify({
          ...withoutWirePasswords(stored),
          state: "active",
          allocationState: "steady",
        });
        res.writeHead(200, { "content-type": "application/json; odata=minimalmetadata" }).end(json);
        return;
      }
      res
        .writeHead(404, { "content-type": "application/json" })
        .end(JSON.stringify({ code: "PoolNotFound", message: { lang: "en-US", value: "not found" } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  client = new BatchServiceClient(
    new BatchSharedKeyCredentials("acct", Buffer.from("key").toString("base64")),
    `http://127.0.0.1:${port}`,
  );
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const blank = (r: RegistrySpec): RegistrySpec =>
  r.auth.kind === "password" ? { ...r, auth: { ...r.auth, password: "" } } : r;
const withoutPasswords = (spec: PoolSpec): PoolSpec => {
  const copy = structuredClone(spec);
  if (copy.container) copy.container.registries = copy.container.registries.map(blank);
  if (copy.startTask?.containerSettings?.registry)
    copy.startTask.containerSettings.registry = blank(copy.startTask.containerSettings.registry);
  return copy;
};

describe("clone through the real client", () => {
  it("pool.add then pool.get then fromCloudPool gives the spec back, passwords to re-enter", async () => {
    await fc.assert(
      fc.asyncProperty(poolSpecArb, async (spec) => {
        pools.clear();
        await client.pool.add(toPoolAddParameter(spec));
        const cloned = fromCloudPool(await client.pool.get(spec.id));
        expect(cloned.ok && cloned.spec).toEqual(withoutPasswords(spec));
        const passwordCount =
          (spec.container?.registries.filter((r) => r.auth.kind === "password").length ?? 0) +
          (spec.startTask?.containerSettings?.registry?.auth.kind === "password" ? 1 : 0);
        expect(cloned.ok && cloned.reentry.length).toBe(passwordCount);
      }),
      { numRuns: 60 },
    );
  });
});
