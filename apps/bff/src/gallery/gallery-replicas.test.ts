import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEEDED_OPERATORS } from "@batch-studio/emulator";
import {
  apiUrl,
  GalleryImageVersionInfo,
  parseGalleryImageId,
  type AccountsResponse,
  type PoolSpecInput,
  type ProblemDetails,
  type ValidationIssue,
  type ValidationResponse,
} from "@batch-studio/shared";
import { Writable } from "node:stream";
import { decodeJwt } from "jose";
import { OnBehalfOfTokens } from "../auth/on-behalf-of";
import { ArmGateway } from "../gateways/arm-gateway";
import { createLogger } from "../logger";
import { operatorApi, type JsonCall, type OperatorApi } from "../testing/api-fixtures";
import { startLocalStack, type LocalStack } from "../testing/local-stack";

/*
 * The replica action end to end through the real local stack: live validation names the version
 * and the count, the route PATCHes the version through @azure/arm-compute (a long-running
 * operation the emulator finishes after its replication time), and validation then sees it.
 */
const REPLICA_CODE = "image.gallery.replicaPer300Nodes";
const reader = SEEDED_OPERATORS[2]!;

describe("setGalleryReplicas through the local stack", () => {
  let stack: LocalStack;
  let account: string;
  let subscription: string;
  let token: string;
  let call: OperatorApi["call"];
  let json: JsonCall;
  /** An operator with only read access in ARM (the emulator's `armReaders`). */
  let asReader: OperatorApi;
  const linuxImage = () =>
    `/subscriptions/${subscription}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/contosoImages/images/ubuntu2004-batch-container/versions/1.1.0`;
  const pool = (dedicated: number, imageId = linuxImage()): PoolSpecInput => ({
    id: `replicas-${dedicated}`,
    vmSize: "standard_d2s_v3",
    image: { kind: "gallery", imageId },
    nodeAgentSkuId: "batch.node.ubuntu 20.04",
    scale: { dedicated, spot: 0, resizeTimeout: "PT2H" },
  });
  const replicaAdvice = async (dedicated: number, imageId?: string): Promise<ValidationIssue | undefined> => {
    const res = await json<ValidationResponse>(apiUrl("validatePool", { account }), {
      method: "POST",
      body: JSON.stringify(pool(dedicated, imageId)),
    });
    return res.issues.find((i) => i.code === REPLICA_CODE);
  };
  const replicasUrl = (version = "1.1.0") =>
    apiUrl("setGalleryReplicas", { subscription, resourceGroup: "rg-images", gallery: "contosoImages", image: "ubuntu2004-batch-container", version });

  beforeAll(async () => {
    stack = await startLocalStack({ runtime: "process", armReaders: [reader.oid] });
    token = await stack.signIn();
    ({ call, json } = operatorApi(stack.bffUrl, token));
    asReader = operatorApi(stack.bffUrl, await stack.signIn(reader.name));
    const accounts = await json<AccountsResponse>(apiUrl("accounts", {}));
    const weu = accounts.subscriptions.flatMap((s) => s.accounts).find((a) => a.name === "contosoweu")!;
    account = weu.id;
    subscription = weu.subscriptionId;
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  it("turns the advice's action into a PATCH of the version, and the advice goes", async () => {
    const advice = await replicaAdvice(2000);
    expect(advice?.message).toMatch(
      /A pool of 2000 nodes wants at least 7 replicas of the image in westeurope/,
    );
    expect(advice?.action).toEqual({
      kind: "setGalleryReplicas",
      label: "Set 7 replicas in westeurope",
      versionId: linuxImage(),
      region: "westeurope",
      replicaCount: 7,
      currentCount: 2,
    });
    // A definition id means its latest version: the action names that version.
    const viaDefinition = await replicaAdvice(2000, linuxImage().replace(/\/versions\/1\.1\.0$/, ""));
    expect(viaDefinition?.action?.versionId).toBe(linuxImage());

    const parsed = parseGalleryImageId(advice!.action!.versionId);
    if (!parsed.ok) throw new Error(parsed.reason);
    const { subscriptionId, resourceGroup, gallery, imageDefinition, version } = parsed.value;
    const res = await call(
      apiUrl("setGalleryReplicas", { subscription: subscriptionId, resourceGroup, gallery, image: imageDefinition, version: version! }),
      {
        method: "POST",
        body: JSON.stringify({ region: advice!.action!.region, replicaCount: advice!.action!.replicaCount }),
      },
    );
    expect(res.status).toBe(200);
    const updated = GalleryImageVersionInfo.parse(await res.json());
    expect(updated).toMatchObject({
      name: "1.1.0",
      state: "Succeeded",
      replication: [{ region: "West Europe", replicaCount: 7 }],
    });

    expect(await replicaAdvice(2000)).toBeUndefined();
    // The versions list (what the picker shows) agrees.
    const versions = await json<{ items: { name: string; replication: { replicaCount: number }[] }[] }>(
      apiUrl("galleryImageVersions", { subscription, resourceGroup: "rg-images", gallery: "contosoImages", image: "ubuntu2004-batch-container" }),
    );
    expect(versions.items.find((v) => v.name === "1.1.0")?.replication[0]?.replicaCount).toBe(7);
  }, 30_000);

  it("answers the version as Azure reports it meanwhile (state Updating) when replication outlasts the wait", async () => {
    const claims = decodeJwt(token);
    const operator = {
      oid: String(claims.oid),
      tenantId: String(claims.tid),
      scopes: ["access_as_user"],
      assertion: token,
    };
    const tokens = new OnBehalfOfTokens(
      stack.config,
      createLogger("silent", new Writable({ write: (_c, _e, cb) => cb() })),
    );
    const impatient = new ArmGateway(stack.config.armEndpoint, tokens, operator, { replicationWaitMs: 100 });
    const answer = await impatient.setRegionalReplicas(
      subscription,
      "rg-images",
      "contosoImages",
      "windows2022-containers",
      "2026.10.0",
      { region: "East US", replicaCount: 4 },
    );
    expect(answer.state).toBe("Updating");
    expect(answer.replication).toEqual([
      { region: "West Europe", replicaCount: 1 },
      { region: "East US", replicaCount: 4 },
    ]);
    // Azure carries on: the version succeeds by itself.
    const versions = async () =>
      (
        await json<{ items: { name: string; state?: string }[] }>(
          apiUrl("galleryImageVersions", { subscription, resourceGroup: "rg-images", gallery: "contosoImages", image: "windows2022-containers" }),
        )
      ).items[0]!.state;
    const deadline = Date.now() + 10_000;
    while ((await versions()) !== "Succeeded" && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    expect(await versions()).toBe("Succeeded");
  }, 30_000);

  it("answers 400 with every bad field's path", async () => {
    const bad = async (body: unknown) => {
      const res = await call(replicasUrl(), { method: "POST", body: JSON.stringify(body) });
      expect(res.status).toBe(400);
      const problem = (await res.json()) as ProblemDetails;
      return problem.issues!.map((i) => i.path.join(".")).sort();
    };
    expect(await bad({ region: "", replicaCount: 0 })).toEqual(["region", "replicaCount"]);
    expect(await bad({ region: "westeurope", replicaCount: 101 })).toEqual(["replicaCount"]);
    expect(await bad({ region: "westeurope", replicaCount: 2.5 })).toEqual(["replicaCount"]);
    expect(await bad({ replicaCount: "7" })).toEqual(["region", "replicaCount"]);
    expect(await bad({ region: "west/../europe", replicaCount: 3 })).toEqual(["region"]);
  });

  it("answers 404 for a version that does not exist", async () => {
    const res = await call(replicasUrl("9.9.9"), {
      method: "POST",
      body: JSON.stringify({ region: "westeurope", replicaCount: 3 }),
    });
    expect(res.status).toBe(404);
  });

  it("answers 403 with a human message when the operator may only read the gallery", async () => {
    const res = await asReader.call(replicasUrl(), {
      method: "POST",
      body: JSON.stringify({ region: "westeurope", replicaCount: 9 }),
    });
    expect(res.status).toBe(403);
    const problem = (await res.json()) as ProblemDetails;
    expect(problem.title).toMatch(
      /You may not change the replicas of ubuntu2004-batch-container 1\.1\.0: setting them needs write access/,
    );
    expect(problem.code).toBe("AuthorizationFailed");
    // Nothing changed.
    const versions = await json<{ items: { name: string; replication: { replicaCount: number }[] }[] }>(
      apiUrl("galleryImageVersions", { subscription, resourceGroup: "rg-images", gallery: "contosoImages", image: "ubuntu2004-batch-container" }),
    );
    expect(versions.items.find((v) => v.name === "1.1.0")?.replication[0]?.replicaCount).not.toBe(9);
  });
});
