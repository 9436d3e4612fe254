/**
 * The REST JSON export must be exactly what the real @azure/batch 10.2.0 client sends for the same
 * spec. We let the SDK send pool.add / task.add to a loopback HTTP server and compare bodies.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { BatchServiceClient, BatchSharedKeyCredentials } from "@azure/batch";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toPoolAddParameter } from "../convert/pool";
import { toJobAddParameter, toTaskAddParameter } from "../convert/task";
import type { PoolSpec } from "../pool-spec";
import { jobSpecArb, poolSpecArb, taskSpecArb } from "../testing/arbitraries";
import { exportContainerUrl, exportJobRestJson } from "./job";
import { exportTaskRestJson } from "./task";
import { toRestPoolBody } from "./rest-json";
import { passwordEnvVar } from "./secrets";
import { seedPools } from "./seed-pools";

let server: Server;
let client: BatchServiceClient;
const bodies: unknown[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    req.on("end", () => {
      bodies.push(JSON.parse(text));
      res.writeHead(201, { "content-length": "0" }).end();
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

const sentPoolBody = async (spec: PoolSpec): Promise<unknown> => {
  bodies.length = 0;
  await client.pool.add(toPoolAddParameter(spec));
  return bodies[0];
};

/** The export with its `${REGISTRY_PASSWORD_…}` placeholders filled with the spec's real passwords. */
const exportWithPasswords = (spec: PoolSpec): unknown => {
  let text = JSON.stringify(toRestPoolBody(spec));
  const registries = [
    ...(spec.container?.registries ?? []),
    ...(spec.startTask?.containerSettings?.registry ? [spec.startTask.containerSettings.registry] : []),
  ];
  for (const r of registries) {
    if (r.auth.kind === "password")
      text = text.split(`\${${passwordEnvVar(r.server)}}`).join(JSON.stringify(r.auth.password).slice(1, -1));
  }
  return JSON.parse(text);
};

/** Property tests below send each registry's own password per host, so one host has one password. */
const onePasswordPerHost = (spec: PoolSpec): PoolSpec => {
  const copy = structuredClone(spec);
  const setPw = (r: { server: string; auth: { kind: string; password?: string } }) => {
    if (r.auth.kind === "password") r.auth.password = `pw-${r.server}`;
  };
  copy.container?.registries.forEach(setPw);
  if (copy.startTask?.containerSettings?.registry) setPw(copy.startTask.containerSettings.registry);
  return copy;
};

describe("REST JSON export vs the real @azure/batch client", () => {
  it("matches for the seed pools", async () => {
    for (const spec of Object.values(seedPools))
      expect(await sentPoolBody(spec)).toEqual(exportWithPasswords(spec));
  });

  it("matches for generated pools", async () => {
    await fc.assert(
      fc.asyncProperty(poolSpecArb, async (generated) => {
        const spec = onePasswordPerHost(generated);
        expect(await sentPoolBody(spec)).toEqual(exportWithPasswords(spec));
      }),
      { numRuns: 100 },
    );
  });

  it("sends containerConfiguration.type and registry username on the wire", async () => {
    const body = (await sentPoolBody(seedPools.privateAcrPrefetch)) as {
      virtualMachineConfiguration: { containerConfiguration: unknown };
    };
    expect(body.virtualMachineConfiguration.containerConfiguration).toMatchObject({
      type: "dockerCompatible",
      containerRegistries: [
        { registryServer: "myContainerRegistry.azurecr.io", username: "myUserName", password: "myPassword" },
      ],
    });
  });

  it("task bodies keep an empty command line", async () => {
    await fc.assert(
      fc.asyncProperty(taskSpecArb, async (task) => {
        bodies.length = 0;
        await client.task.add("job1", toTaskAddParameter(task));
        expect((bodies[0] as { commandLine: string; id: string }).commandLine).toBe(task.commandLine);
      }),
      { numRuns: 50 },
    );
  });
});

/** Every registry password in a spec set to one value, so an export's placeholders can be filled back. */
const SAME_PASSWORD = "pw-1";
const withOnePassword = <T>(spec: T): T => {
  const copy = structuredClone(spec);
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      const auth = (v as { auth?: { kind?: string; password?: string } }).auth;
      if (auth?.kind === "password") auth.password = SAME_PASSWORD;
      Object.values(v).forEach(walk);
    }
  };
  walk(copy);
  return copy;
};
const filled = (json: string): unknown =>
  JSON.parse(json.replace(/\$\{REGISTRY_PASSWORD_[A-Z0-9_]+\}/g, SAME_PASSWORD));

describe("job and task exports vs the real @azure/batch client", () => {
  it("a job's export is the body job.add sends", async () => {
    await fc.assert(
      fc.asyncProperty(jobSpecArb.map(withOnePassword), async (job) => {
        bodies.length = 0;
        await client.job.add(toJobAddParameter(job, exportContainerUrl));
        expect(bodies[0]).toEqual(filled(exportJobRestJson(job)));
      }),
      { numRuns: 60 },
    );
  });

  it("a task's export is the body task.add sends", async () => {
    await fc.assert(
      fc.asyncProperty(taskSpecArb.map(withOnePassword), async (task) => {
        bodies.length = 0;
        await client.task.add("job1", toTaskAddParameter(task, exportContainerUrl));
        expect(bodies[0]).toEqual(filled(exportTaskRestJson("job1", task)));
      }),
      { numRuns: 60 },
    );
  });
});
