/**
 * Roles end to end: the composed local Azure (identity, ARM, both Batch data planes), operators
 * signed in headlessly and their tokens exchanged on behalf of them by the BFF's confidential
 * client, as the BFF does. Each row is one real HTTP call and the answer Azure would give.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfidentialClientApplication } from "@azure/msal-node";
import { BatchServiceClient, BatchSharedKeyCredentials } from "@azure/batch";
import { startLocalAzure, type LocalAzure } from "../local-azure";
import { headlessSignIn } from "../identity/headless-sign-in";
import { SEEDED_OPERATORS, operatorForTypedName } from "../identity/operators";
import { ARM_SCOPE, BATCH_SCOPE, BFF_CLIENT_ID, DEFAULT_BFF_CLIENT_SECRET } from "../local-azure-constants";
import { API_VERSION } from "../batch/http/odata-query";
import { DEFAULT_SEED } from "../seed";

const SPA_ORIGIN = "http://localhost:43991";
const SUB = `/subscriptions/${DEFAULT_SEED.subscription.subscriptionId}`;
const RG = `${SUB}/resourceGroups/rg-batch-studio`;
const WEU = `${RG}/providers/Microsoft.Batch/batchAccounts/contosoweu`;
const EUS = `${RG}/providers/Microsoft.Batch/batchAccounts/contosoeus`;
const VERSION = `${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/contosoImages/images/ubuntu2004-batch-container/versions/1.1.0`;
const STORAGE = `${RG}/providers/Microsoft.Storage/storageAccounts/contosoweudata`;

const [ada, grace, alan] = SEEDED_OPERATORS as [
  (typeof SEEDED_OPERATORS)[0],
  (typeof SEEDED_OPERATORS)[0],
  (typeof SEEDED_OPERATORS)[0],
];
const bob = operatorForTypedName("Bob Builder")!;
type Who = "ada" | "grace" | "alan" | "bob";
const PEOPLE = { ada, grace, alan, bob };

const IMAGE = DEFAULT_SEED.supportedImages.find((i) => i.nodeAgentSKUId === "batch.node.ubuntu 22.04")!;
const pool = (id: string) => ({
  id,
  vmSize: "standard_d2s_v3",
  targetDedicatedNodes: 0,
  virtualMachineConfiguration: { imageReference: IMAGE.imageReference, nodeAgentSKUId: IMAGE.nodeAgentSKUId },
});

describe("role-based access in the local Azure", () => {
  let dataDir: string;
  let azure: LocalAzure;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "bs-rbac-"));
    azure = await startLocalAzure({
      dataDir,
      ports: { identity: 0, arm: 0, batch: [0, 0] },
      runtime: "process",
      spaOrigins: [SPA_ORIGIN],
      timeScale: { nodeAllocateMs: 30, nodeBootMs: 30, stepMs: 10 },
    });
    const bff = new ConfidentialClientApplication({
      auth: {
        clientId: BFF_CLIENT_ID,
        clientSecret: DEFAULT_BFF_CLIENT_SECRET,
        authority: azure.identity.authority,
        knownAuthorities: azure.identity.knownAuthorities,
        authorityMetadata: azure.identity.authorityMetadata,
      },
    });
    for (const [who, op] of Object.entries(PEOPLE)) {
      const signedIn = await headlessSignIn({
        issuer: azure.identity.issuer,
        redirectUri: `${SPA_ORIGIN}/`,
        typedName: op.username,
      });
      for (const scope of [ARM_SCOPE, BATCH_SCOPE]) {
        const r = await bff.acquireTokenOnBehalfOf({
          oboAssertion: signedIn.tokens.access_token,
          scopes: [scope],
        });
        tokens.set(`${who} ${scope}`, r!.accessToken);
      }
    }
    // Something to read and act on in both accounts, made with the account key.
    for (const a of azure.accounts) {
      const client = new BatchServiceClient(new BatchSharedKeyCredentials(a.name, a.key), a.url);
      await client.pool.add(pool("shared"));
      await client.job.add({ id: "seeded-job", poolInfo: { poolId: "shared" } });
    }
  }, 60_000);
  afterAll(async () => {
    await azure?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const arm = async (who: Who, method: string, path: string, apiVersion: string, body?: object) => {
    const res = await fetch(`${azure.arm.url}${path}?api-version=${apiVersion}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens.get(`${who} ${ARM_SCOPE}`)}`,
        ...(body ? { "content-type": "application/json" } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };

  const batch = async (
    who: Who,
    account: "contosoweu" | "contosoeus",
    method: string,
    path: string,
    body?: object,
  ) => {
    const url = azure.accounts.find((a) => a.name === account)!.url;
    const res = await fetch(`${url}${path}?api-version=${API_VERSION}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens.get(`${who} ${BATCH_SCOPE}`)}`,
        ...(body ? { "content-type": "application/json; odata=minimalmetadata" } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };

  const armDenial = (who: Who, action: string, scope: string) => ({
    error: {
      code: "AuthorizationFailed",
      message: `The client '${PEOPLE[who].username}' with object id '${PEOPLE[who].oid}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    },
  });

  describe("ARM", () => {
    const B = "2024-07-01";
    const rows: [Who, string, string, string, number, string?, string?][] = [
      // who, method, path, api-version, status, action named when refused, scope named
      ["ada", "GET", WEU, B, 200],
      ["grace", "GET", WEU, B, 200],
      ["alan", "GET", WEU, B, 200],
      ["alan", "GET", EUS, B, 403, "Microsoft.Batch/batchAccounts/read", EUS],
      ["bob", "GET", WEU, B, 403, "Microsoft.Batch/batchAccounts/read", WEU],
      ["ada", "POST", `${WEU}/listKeys`, B, 200],
      ["grace", "POST", `${WEU}/listKeys`, B, 403, "Microsoft.Batch/batchAccounts/listKeys/action", WEU],
      ["alan", "POST", `${WEU}/listKeys`, B, 403, "Microsoft.Batch/batchAccounts/listKeys/action", WEU],
      ["alan", "GET", `${WEU}/applications`, B, 200],
      [
        "alan",
        "PUT",
        `${WEU}/applications/render`,
        B,
        403,
        "Microsoft.Batch/batchAccounts/applications/write",
        `${WEU}/applications/render`,
      ],
      ["alan", "GET", RG, "2021-04-01", 403, "Microsoft.Resources/subscriptions/resourceGroups/read", RG],
      ["grace", "GET", RG, "2021-04-01", 200],
      ["alan", "GET", SUB, "2021-04-01", 200],
      ["bob", "GET", SUB, "2021-04-01", 403, "Microsoft.Resources/subscriptions/read", SUB],
      [
        "grace",
        "PATCH",
        VERSION,
        "2025-03-03",
        403,
        "Microsoft.Compute/galleries/images/versions/write",
        VERSION,
      ],
      [
        "alan",
        "GET",
        VERSION,
        "2025-03-03",
        403,
        "Microsoft.Compute/galleries/images/versions/read",
        VERSION,
      ],
      // Authorization comes before existence: no blob service runs here, yet Grace is refused the keys.
      [
        "grace",
        "POST",
        `${STORAGE}/listKeys`,
        "2023-05-01",
        403,
        "Microsoft.Storage/storageAccounts/listKeys/action",
        STORAGE,
      ],
      ["ada", "POST", `${STORAGE}/listKeys`, "2023-05-01", 404],
    ];
    it.each(rows)("%s %s %s → %i", async (who, method, path, apiVersion, status, action, scope) => {
      const body =
        method === "PATCH" ? { publishingProfile: { targetRegions: [] } } : method === "PUT" ? {} : undefined;
      const res = await arm(who, method, path, apiVersion, body);
      expect(res.status).toBe(status);
      if (action) expect(res.body).toEqual(armDenial(who, action, scope!));
    });

    it("lists only what the caller can read; someone with no role in the subscription is refused below it", async () => {
      const names = async (who: Who, path: string, v: string) =>
        ((await arm(who, "GET", path, v)).body.value as { name?: string; subscriptionId?: string }[]).map(
          (x) => x.name ?? x.subscriptionId,
        );
      expect(await names("ada", `${SUB}/providers/Microsoft.Batch/batchAccounts`, B)).toEqual([
        "contosoweu",
        "contosoeus",
      ]);
      expect(await names("grace", `${RG}/providers/Microsoft.Batch/batchAccounts`, B)).toEqual([
        "contosoweu",
        "contosoeus",
      ]);
      // Reader on contosoweu alone: Alan lists that account and no other, and no resource group.
      expect(await names("alan", `${SUB}/providers/Microsoft.Batch/batchAccounts`, B)).toEqual(["contosoweu"]);
      expect(await names("alan", `${SUB}/resourcegroups`, "2021-04-01")).toEqual([]);
      expect(await names("alan", "/subscriptions", "2022-12-01")).toEqual([
        DEFAULT_SEED.subscription.subscriptionId,
      ]);
      expect(await names("bob", "/subscriptions", "2022-12-01")).toEqual([]);
      expect(await arm("bob", "GET", `${SUB}/providers/Microsoft.Batch/batchAccounts`, B)).toEqual({
        status: 403,
        body: armDenial(
          "bob",
          "Microsoft.Batch/batchAccounts/read",
          `${SUB}/providers/Microsoft.Batch/batchAccounts`,
        ),
      });
    });

    it("answers Microsoft.Authorization/permissions per user and scope from the same table", async () => {
      const perms = async (who: Who, scope: string) => {
        const res = await arm(
          who,
          "GET",
          `${scope}/providers/Microsoft.Authorization/permissions`,
          "2022-04-01",
        );
        expect(res.status).toBe(200);
        return res.body.value as {
          actions: string[];
          notActions: string[];
          dataActions: string[];
          notDataActions: string[];
        }[];
      };
      const adaWeu = await perms("ada", WEU);
      expect(adaWeu.map((p) => p.actions[0])).toEqual(["*", "Microsoft.Authorization/*/read"]);
      expect(adaWeu[0]!.notActions).toContain("Microsoft.Authorization/*/Write");
      expect(adaWeu[1]!.dataActions).toEqual([
        "Microsoft.Batch/batchAccounts/jobSchedules/*",
        "Microsoft.Batch/batchAccounts/jobs/*",
      ]);
      expect(await perms("grace", RG)).toEqual([
        { actions: ["*/read"], notActions: [], dataActions: [], notDataActions: [] },
        {
          actions: [],
          notActions: [],
          dataActions: ["Microsoft.Batch/batchAccounts/jobs/read", "Microsoft.Batch/batchAccounts/jobSchedules/read"],
          notDataActions: [],
        },
      ]);
      expect((await perms("alan", WEU))[0]).toMatchObject({
        actions: expect.arrayContaining(["Microsoft.Batch/batchAccounts/pools/read"]),
        dataActions: ["Microsoft.Batch/batchAccounts/jobSchedules/*", "Microsoft.Batch/batchAccounts/jobs/*"],
      });
      expect(await perms("alan", EUS)).toEqual([]);
      expect(await perms("alan", SUB)).toEqual([]);
      expect(await perms("bob", WEU)).toEqual([]);
      expect(
        (
          await arm(
            "ada",
            "GET",
            `${RG}/providers/Microsoft.Batch/batchAccounts/nope/providers/Microsoft.Authorization/permissions`,
            "2022-04-01",
          )
        ).status,
      ).toBe(404);
    });
  });

  describe("Batch data plane", () => {
    const dataDenial = (who: Who, action: string, scope: string) => ({
      code: "InsufficientAccountPermissions",
      message: {
        lang: "en-US",
        value: expect.stringMatching(
          new RegExp(
            `^The client '${PEOPLE[who].username.replace(/\./g, "\\.")}' with object id '${PEOPLE[who].oid}' does not have authorization to perform action '${action}' over scope '${scope.replace(/[.]/g, "\\.")}' or the scope is invalid\\. If access was recently granted, please refresh your credentials\\.\\nRequestId:`,
          ),
        ),
      },
    });
    const P = "Microsoft.Batch/batchAccounts";
    type Row = [
      Who,
      "contosoweu" | "contosoeus",
      string,
      string,
      object | undefined,
      number,
      string?,
      string?,
    ];
    const rows: Row[] = [
      ["ada", "contosoeus", "POST", "/pools", pool("ada-pool"), 201],
      ["ada", "contosoweu", "POST", "/jobs", { id: "ada-job", poolInfo: { poolId: "shared" } }, 201],
      ["ada", "contosoweu", "POST", "/pools/shared/resize", { targetDedicatedNodes: 0 }, 202],
      ["grace", "contosoweu", "GET", "/pools", undefined, 200],
      ["grace", "contosoweu", "POST", "/pools", pool("grace-pool"), 403, `${P}/pools/write`, WEU],
      [
        "grace",
        "contosoweu",
        "DELETE",
        "/pools/shared",
        undefined,
        403,
        `${P}/pools/delete`,
        `${WEU}/pools/shared`,
      ],
      // Reader holds no dataActions: Grace sees pools but no jobs.
      ["grace", "contosoweu", "GET", "/jobs", undefined, 200],
      ["grace", "contosoweu", "GET", "/jobschedules", undefined, 200],
      ["grace", "contosoweu", "POST", "/jobs", { id: "grace-job", poolInfo: { poolId: "shared" } }, 403, `${P}/jobs/write`, WEU],
      ["alan", "contosoweu", "GET", "/pools/shared", undefined, 200],
      ["alan", "contosoweu", "GET", "/applications", undefined, 200],
      ["alan", "contosoweu", "POST", "/jobs", { id: "alan-job", poolInfo: { poolId: "shared" } }, 201],
      [
        "alan",
        "contosoweu",
        "POST",
        "/jobs/alan-job/tasks",
        { id: "t1", commandLine: "/bin/sh -c 'echo hi'" },
        201,
      ],
      [
        "alan",
        "contosoweu",
        "POST",
        "/jobs/alan-job/addtaskcollection",
        { value: [{ id: "t2", commandLine: "/bin/true" }] },
        200,
      ],
      ["alan", "contosoweu", "POST", "/jobs/alan-job/terminate", {}, 202],
      ["alan", "contosoweu", "DELETE", "/jobs/alan-job", undefined, 202],
      ["alan", "contosoweu", "GET", "/jobschedules", undefined, 200],
      ["alan", "contosoweu", "POST", "/pools", pool("alan-pool"), 403, `${P}/pools/write`, WEU],
      [
        "alan",
        "contosoweu",
        "POST",
        "/pools/shared/resize",
        { targetDedicatedNodes: 2 },
        403,
        `${P}/pools/write`,
        `${WEU}/pools/shared`,
      ],
      [
        "alan",
        "contosoweu",
        "POST",
        "/jobs",
        { id: "auto", poolInfo: { autoPoolSpecification: { poolLifetimeOption: "job", pool: pool("x") } } },
        403,
        `${P}/pools/write`,
        WEU,
      ],
      // The role is on contosoweu only.
      [
        "alan",
        "contosoeus",
        "POST",
        "/jobs",
        { id: "alan-job", poolInfo: { poolId: "shared" } },
        403,
        `${P}/jobs/write`,
        EUS,
      ],
      ["alan", "contosoeus", "GET", "/pools", undefined, 403, `${P}/pools/read`, EUS],
      ["bob", "contosoweu", "GET", "/pools", undefined, 403, `${P}/pools/read`, WEU],
      [
        "bob",
        "contosoweu",
        "GET",
        "/jobs/seeded-job/tasks",
        undefined,
        403,
        `${P}/jobs/read`,
        `${WEU}/jobs/seeded-job`,
      ],
    ];
    it.each(rows)(
      "%s on %s: %s %s %j → %i",
      async (who, account, method, path, body, status, action, scope) => {
        const res = await batch(who, account, method, path, body);
        expect([res.status, res.status === status ? "" : JSON.stringify(res.body)]).toEqual([status, ""]);
        if (action)
          expect(res.body).toEqual({
            "odata.metadata": expect.stringContaining("Container.errors/@Element"),
            ...dataDenial(who, action, scope!),
          });
      },
    );

    it("leaves Shared Key callers the whole account", async () => {
      const a = azure.accounts.find((x) => x.name === "contosoweu")!;
      const client = new BatchServiceClient(new BatchSharedKeyCredentials(a.name, a.key), a.url);
      await client.pool.add(pool("key-pool"));
      await client.job.add({ id: "key-job", poolInfo: { poolId: "key-pool" } });
      await client.task.add("key-job", { id: "k1", commandLine: "/bin/true" });
      expect((await client.job.deleteMethod("key-job"))._response.status).toBe(202);
      expect((await client.pool.deleteMethod("key-pool"))._response.status).toBe(202);
    });
  });
});
