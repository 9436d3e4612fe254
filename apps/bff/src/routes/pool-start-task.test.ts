import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BatchServiceClient, BatchSharedKeyCredentials } from "@azure/batch";
import { apiUrl, PoolDetails, type NodeSummary, type ProblemDetails } from "@batch-studio/shared";
import { oneNodePool, operatorApi, until, type JsonCall, type OperatorApi } from "../testing/api-fixtures";
import { startLocalStack, type LocalStack } from "../testing/local-stack";

/*
 * PUT …/pools/:pool/start-task against the real local stack (emulator identity, ARM and Batch through
 * @azure/batch): a pool whose start task fails gets a working one, and its node, rebooted, runs it.
 */
describe("setting an existing pool's start task", () => {
  let stack: LocalStack;
  let account: string;
  const stamp = Date.now();
  const pool = `st-pool-${stamp}`;

  let call: OperatorApi["call"];
  let json: JsonCall;
  const put = (poolId: string, body: unknown) =>
    call(apiUrl("setPoolStartTask", { account, pool: poolId }), { method: "PUT", body: JSON.stringify(body) });
  const nodes = async (poolId: string) =>
    (await json<{ items: NodeSummary[] }>(apiUrl("nodes", { account, pool: poolId }))).items;

  beforeAll(async () => {
    stack = await startLocalStack({ runtime: "process" });
    const api = operatorApi(stack.bffUrl, await stack.signIn());
    ({ call, json } = api);
    account = await api.firstAccount();
    await json(apiUrl("pools", { account }), {
      method: "POST",
      body: JSON.stringify(oneNodePool(pool, { startTask: { commandLine: "/bin/sh -c 'exit 3'", waitForSuccess: true } })),
    });
    await until("the start task to fail", async () =>
      (await nodes(pool))[0]?.state === "starttaskfailed" ? true : undefined,
    );
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  it("replaces the start task, answers the pool, and a rebooted node runs the new one", async () => {
    const res = await put(pool, {
      startTask: {
        commandLine: "/bin/sh -c 'test \"$GREETING\" = hi'",
        elevated: true,
        waitForSuccess: true,
        env: [{ name: "GREETING", value: "hi" }],
      },
    });
    expect(res.status).toBe(200);
    const answer = PoolDetails.parse(await res.json());
    expect(answer.startTask).toEqual({
      commandLine: "/bin/sh -c 'test \"$GREETING\" = hi'",
      elevated: true,
      waitForSuccess: true,
      maxRetries: 0,
      env: [{ name: "GREETING", value: "hi" }],
      resourceFileCount: 0,
    });
    // Only the start task changed.
    expect(answer).toMatchObject({
      id: pool,
      isContainerPool: true,
      targetDedicatedNodes: 1,
      startTaskCommandLine: "/bin/sh -c 'test \"$GREETING\" = hi'",
    });
    expect((await json<PoolDetails>(apiUrl("pool", { account, pool }))).startTask).toEqual(answer.startTask);

    const [node] = await nodes(pool);
    expect((await call(apiUrl("rebootNode", { account, pool, node: node!.id }), { method: "POST" })).status).toBe(202);
    const after = await until("the node to run the new start task", async () => {
      const n = (await nodes(pool)).find((x) => x.id === node!.id);
      return n?.state === "idle" ? n : undefined;
    });
    expect(after.startTask).toMatchObject({ state: "completed", exitCode: 0 });
  }, 60_000);

  it("answers 400 with field paths: the schema's and the shared start task rules'", async () => {
    const empty = await put(pool, { startTask: { commandLine: "" } });
    expect(empty.status).toBe(400);
    const emptyProblem = (await empty.json()) as ProblemDetails;
    expect(emptyProblem.issues?.map((i) => i.path)).toEqual([["startTask", "commandLine"]]);

    const badImage = await put(pool, {
      startTask: { commandLine: "/bin/true", containerSettings: { imageName: "Busy Box:latest" } },
    });
    expect(badImage.status).toBe(400);
    const badImageProblem = (await badImage.json()) as ProblemDetails;
    expect(badImageProblem.issues?.filter((i) => i.level === "error").map((i) => [i.code, i.path])).toEqual([
      ["startTask.imageReference", ["startTask", "containerSettings", "imageName"]],
    ]);

    expect((await put(pool, {})).status).toBe(400);
    // Nothing reached Batch: the start task is still the one set above.
    expect((await json<PoolDetails>(apiUrl("pool", { account, pool }))).startTask?.commandLine).toBe(
      "/bin/sh -c 'test \"$GREETING\" = hi'",
    );
  });

  it("refuses container settings on a pool without containers, naming the field", async () => {
    const batch = sdkFor(stack);
    const plain = `st-plain-${stamp}`;
    await batch.pool.add(plainPool(plain));
    const res = await put(plain, {
      startTask: { commandLine: "/bin/true", containerSettings: { imageName: "busybox:1.36" } },
    });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as ProblemDetails;
    expect(problem.issues?.map((i) => [i.code, i.path])).toEqual([
      ["startTask.containerSettingsNeedContainerPool", ["startTask", "containerSettings"]],
    ]);
  });

  it("keeps resource files the portal cannot edit (Batch replaces the start task as a whole)", async () => {
    const batch = sdkFor(stack);
    const withFiles = `st-files-${stamp}`;
    const resourceFiles = [{ httpUrl: "https://example.invalid/setup.sh", filePath: "setup.sh" }];
    await batch.pool.add({
      ...plainPool(withFiles),
      startTask: { commandLine: "/bin/sh setup.sh", resourceFiles },
    });
    expect((await json<PoolDetails>(apiUrl("pool", { account, pool: withFiles }))).startTask?.resourceFileCount).toBe(1);
    const res = await put(withFiles, { startTask: { commandLine: "/bin/sh -c 'sh setup.sh --verbose'" } });
    expect(res.status).toBe(200);
    const cloud = await batch.pool.get(withFiles);
    expect(cloud.startTask).toMatchObject({
      commandLine: "/bin/sh -c 'sh setup.sh --verbose'",
      resourceFiles,
    });
  });

  it("answers 404 for a pool that does not exist", async () => {
    const res = await put(`st-missing-${stamp}`, { startTask: { commandLine: "/bin/true" } });
    expect(res.status).toBe(404);
  });
});

const sdkFor = (stack: LocalStack) => {
  const a = stack.endpoints.accounts[0]!;
  return new BatchServiceClient(new BatchSharedKeyCredentials(a.name, a.key), a.url);
};

const plainPool = (id: string) => ({
  id,
  vmSize: "standard_d2s_v3",
  targetDedicatedNodes: 0,
  virtualMachineConfiguration: {
    imageReference: {
      publisher: "microsoft-azure-batch",
      offer: "ubuntu-server-container",
      sku: "20-04-lts",
    },
    nodeAgentSKUId: "batch.node.ubuntu 20.04",
  },
});
