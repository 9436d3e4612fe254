/**
 * Wire behaviour through the real @azure/batch 10.2.0 client: exact status codes, Batch error
 * codes and values, SharedKey failures, paging with an absolute nextLink, $filter/$select,
 * conditional requests, body limits and ranged reads of a file still being written.
 */
import { BatchServiceClient, BatchSharedKeyCredentials } from "@azure/batch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  failure,
  PLAIN_VM,
  sharedKeyClient,
  startTestAccount,
  streamText,
  TEST_ACCOUNT,
  TEST_KEY,
  waitFor,
  type TestAccount,
} from "./testing/account-harness";

let acct: TestAccount;
beforeAll(async () => {
  acct = await startTestAccount();
  await acct.client.pool.add({
    id: "Plain",
    vmSize: "standard_d2s_v3",
    virtualMachineConfiguration: PLAIN_VM,
    targetDedicatedNodes: 2,
    taskSlotsPerNode: 2,
  });
  await acct.client.job.add({ id: "proto", poolInfo: { poolId: "plain" } });
});
afterAll(async () => {
  await acct?.dispose();
});

const completed = (jobId: string, taskId: string) =>
  waitFor(
    () => acct.client.task.get(jobId, taskId),
    (t) => t.state === "completed",
    20_000,
    `${taskId} completed`,
  );

describe("ids, existence and not-found codes", () => {
  it("treats ids case-insensitively but preserves their case", async () => {
    expect((await acct.client.pool.get("PLAIN")).id).toBe("Plain");
    const e = await failure(
      acct.client.pool.add({ id: "plain", vmSize: "x", virtualMachineConfiguration: PLAIN_VM }),
    );
    expect([e.statusCode, e.code]).toEqual([409, "PoolExists"]);
    expect((await acct.client.pool.exists("pLaIn")).body).toBe(true);
    expect((await acct.client.pool.exists("nope")).body).toBe(false);
  });

  it("answers 404 with the resource's code", async () => {
    expect(await failure(acct.client.pool.get("nope"))).toMatchObject({
      statusCode: 404,
      code: "PoolNotFound",
    });
    expect(await failure(acct.client.job.get("nope"))).toMatchObject({
      statusCode: 404,
      code: "JobNotFound",
    });
    expect(await failure(acct.client.task.get("proto", "nope"))).toMatchObject({
      statusCode: 404,
      code: "TaskNotFound",
    });
    expect(await failure(acct.client.computeNode.get("plain", "nope"))).toMatchObject({
      statusCode: 404,
      code: "NodeNotFound",
    });
    expect(await failure(acct.client.job.add({ id: "PROTO", poolInfo: { poolId: "plain" } }))).toMatchObject({
      statusCode: 409,
      code: "JobExists",
    });
  });

  it("validates add bodies with PropertyName and Reason", async () => {
    const tooShort = await failure(
      acct.client.pool.add({
        id: "short",
        vmSize: "x",
        virtualMachineConfiguration: PLAIN_VM,
        resizeTimeout: "PT4M",
      }),
    );
    expect(tooShort).toMatchObject({ statusCode: 400, code: "InvalidPropertyValue" });
    expect(tooShort.body?.values?.[0]).toEqual({ key: "PropertyName", value: "resizeTimeout" });
    const badId = await failure(acct.client.job.add({ id: "has space", poolInfo: { poolId: "plain" } }));
    expect(badId.body?.values?.[0]).toEqual({ key: "PropertyName", value: "id" });
    const longId = await failure(acct.client.job.add({ id: "x".repeat(65), poolInfo: { poolId: "plain" } }));
    expect(longId).toMatchObject({ statusCode: 400, code: "InvalidPropertyValue" });
    const both = await failure(
      acct.client.pool.add({
        id: "both",
        vmSize: "x",
        virtualMachineConfiguration: {
          ...PLAIN_VM,
          imageReference: { ...PLAIN_VM.imageReference, virtualMachineImageId: "/subscriptions/s/x" },
        },
      }),
    );
    expect(both.body?.values?.[0]).toEqual({ key: "PropertyName", value: "virtualMachineImageId" });
  });

  it("refuses a Shared Image Gallery pool over SharedKey, naming virtualMachineImageId", async () => {
    const e = await failure(
      acct.client.pool.add({
        id: "sig",
        vmSize: "standard_d2s_v3",
        virtualMachineConfiguration: {
          imageReference: {
            virtualMachineImageId:
              "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/i",
          },
          nodeAgentSKUId: "batch.node.ubuntu 22.04",
        },
      }),
    );
    expect(e).toMatchObject({ statusCode: 400, code: "InvalidPropertyValue" });
    expect(e.body?.values?.[0]).toEqual({ key: "PropertyName", value: "virtualMachineImageId" });
    expect(JSON.stringify(e.body)).toContain("Shared Key");
  });
});

describe("authentication", () => {
  it("refuses a bad SharedKey signature with 403 AuthenticationFailed", async () => {
    const wrong = sharedKeyClient(acct.handle.url, Buffer.from("not the key").toString("base64"));
    expect(await failure(wrong.pool.list())).toMatchObject({ statusCode: 403, code: "AuthenticationFailed" });
  });

  it("refuses a request signed more than 15 minutes ago", async () => {
    const inner = new BatchSharedKeyCredentials(TEST_ACCOUNT, TEST_KEY);
    const stale = {
      signRequest: (r: Parameters<BatchSharedKeyCredentials["signRequest"]>[0]) => {
        r.headers.set("ocp-date", new Date(Date.now() - 16 * 60_000).toUTCString());
        return inner.signRequest(r);
      },
    };
    const client = new BatchServiceClient(stale, acct.handle.url);
    expect(await failure(client.job.list())).toMatchObject({ statusCode: 403, code: "AuthenticationFailed" });
  });

  it("requires api-version and serves the emulator info without auth", async () => {
    const missing = await fetch(`${acct.handle.url}/pools`);
    expect(missing.status).toBe(400);
    expect(missing.headers.get("content-type")).toBe("application/json;odata=minimalmetadata");
    const body = (await missing.json()) as { code: string; values: unknown[]; message: { value: string } };
    expect(body.code).toBe("MissingRequiredQueryParameter");
    expect(body.values).toEqual([{ key: "QueryParameterName", value: "api-version" }]);
    expect(body.message.value).toMatch(/\nRequestId:[0-9a-f-]{36}\nTime:/);
    const other = await fetch(`${acct.handle.url}/pools?api-version=2020-01-01.11.0`);
    expect(((await other.json()) as { code: string }).code).toBe("InvalidQueryParameterValue");
    const unsigned = await fetch(`${acct.handle.url}/pools?api-version=2022-10-01.16.0`);
    expect(unsigned.status).toBe(401);
    const info = (await (await fetch(`${acct.handle.url}/emulator/info`)).json()) as { runtime: object };
    expect(info.runtime).toEqual({
      kind: "process",
      containersIsolated: false,
      note: "containers simulated: no Docker engine",
    });
  });
});

describe("request handling", () => {
  const raw = (method: "GET" | "POST", path: string, body?: string) =>
    acct.client.sendRequest({
      method,
      url: `${acct.handle.url}${path}?api-version=2022-10-01.16.0`,
      body,
      disableJsonStringifyOnBody: true,
      headers: { "content-type": "application/json; odata=minimalmetadata; charset=utf-8" },
    });

  it("answers malformed JSON with 400 InvalidRequestBody and unknown paths with 404 ResourceNotFound", async () => {
    const bad = await raw("POST", "/jobs", '{"id": "x", ');
    expect(bad.status).toBe(400);
    expect(bad.parsedBody).toMatchObject({ code: "InvalidRequestBody" });
    const notArray = await raw("POST", "/jobs", "[1,2]");
    expect(notArray.parsedBody).toMatchObject({ code: "InvalidRequestBody" });
    const unknown = await raw("GET", "/nothing/here");
    expect(unknown.status).toBe(404);
    expect(unknown.parsedBody).toMatchObject({ code: "ResourceNotFound" });
  });

  it("answers a real Batch operation it does not emulate with 501 NotEmulated naming it, through the SDK", async () => {
    const err = await acct.client.job.getAllLifetimeStatistics().then(
      () => undefined,
      (e: { statusCode?: number; code?: string; message?: unknown }) => e,
    );
    expect(err?.statusCode).toBe(501);
    expect(err?.code).toBe("NotEmulated");
    expect(JSON.stringify(err?.message)).toContain("Job_GetAllLifetimeStatistics");
    const rdp = await raw("GET", "/pools/some-pool/nodes/some-node/rdp");
    expect(rdp.status).toBe(501);
    expect(rdp.parsedBody).toMatchObject({
      code: "NotEmulated",
      values: [{ key: "Operation", value: "ComputeNode_GetRemoteDesktop" }],
    });
  });

  it("echoes client-request-id when asked to, and always sends a request-id", async () => {
    const r = await acct.client.job.get("proto", {
      jobGetOptions: { clientRequestId: "5b4f7a36-1d41-4ef3-b4b1-3f7a1c2d9e10", returnClientRequestId: true },
    });
    expect(r._response.headers.get("client-request-id")).toBe("5b4f7a36-1d41-4ef3-b4b1-3f7a1c2d9e10");
    expect(r._response.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const plain = await acct.client.job.get("proto");
    expect(plain._response.headers.get("client-request-id")).toBeUndefined();
  });
});

describe("lists", () => {
  it("pages with maxResults and an absolute nextLink carrying $skiptoken", async () => {
    const value = Array.from({ length: 25 }, (_, i) => ({
      id: `page-${String(i).padStart(2, "0")}`,
      commandLine: "/bin/true",
    }));
    const added = await acct.client.task.addCollection("proto", value);
    expect(added.value?.every((r) => r.status === "success")).toBe(true);
    const ids: string[] = [];
    let page = await acct.client.task.list("proto", {
      taskListOptions: { maxResults: 10, filter: "startswith(id,'page-')" },
    });
    ids.push(...page.map((t) => t.id!));
    expect(page.odatanextLink).toMatch(new RegExp(`^${acct.handle.url}/jobs/proto/tasks\\?.*\\$skiptoken=`));
    while (page.odatanextLink) {
      page = await acct.client.task.listNext(page.odatanextLink);
      ids.push(...page.map((t) => t.id!));
    }
    expect(ids).toEqual(value.map((t) => t.id));
  });

  it("filters and selects, including nested properties", async () => {
    await completed("proto", "page-24");
    const tasks = await acct.client.task.list("proto", {
      taskListOptions: {
        filter: "state eq 'completed' and executionInfo/exitCode eq 0 and startswith(id,'page-2')",
        select: "id,executionInfo/exitCode",
      },
    });
    expect(tasks.map((t) => t.id)).toEqual(["page-20", "page-21", "page-22", "page-23", "page-24"]);
    expect(tasks[0]).toEqual({ id: "page-20", executionInfo: { exitCode: 0 } });
    // Whole-entity pages are served from cached JSON; they must still show every change.
    await waitFor(
      () => acct.client.job.getTaskCounts("proto"),
      (c) => c.taskCounts.active + c.taskCounts.running === 0,
      20_000,
      "all done",
    );
    const all = await acct.client.task.list("proto", {
      taskListOptions: { filter: "startswith(id,'page-')" },
    });
    expect(new Set(all.map((t) => t.state))).toEqual(new Set(["completed"]));
    const bad = await failure(acct.client.task.list("proto", { taskListOptions: { filter: "state eq" } }));
    expect(bad).toMatchObject({ statusCode: 400, code: "InvalidQueryParameterValue" });
  });

  it("reports task counts and node counts", async () => {
    await waitFor(
      () => acct.client.job.getTaskCounts("proto"),
      (c) => c.taskCounts.active + c.taskCounts.running === 0,
      20_000,
      "all done",
    );
    const counts = await acct.client.job.getTaskCounts("proto");
    expect(counts.taskCounts.completed).toBeGreaterThanOrEqual(25);
    expect(counts.taskSlotCounts.completed).toBe(counts.taskCounts.completed);
    const nodeCounts = await acct.client.account.listPoolNodeCounts();
    expect(nodeCounts.find((p) => p.poolId === "Plain")?.dedicated?.total).toBe(2);
  });
});

describe("bodies and conditions", () => {
  it("refuses 101 tasks and collections over 1 MB with 413 RequestBodyTooLarge", async () => {
    const value = Array.from({ length: 101 }, (_, i) => ({ id: `big-${i}`, commandLine: "/bin/true" }));
    const raw = await acct.client.sendRequest({
      method: "POST",
      url: `${acct.handle.url}/jobs/proto/addtaskcollection?api-version=2022-10-01.16.0`,
      body: { value },
      headers: { "content-type": "application/json; odata=minimalmetadata; charset=utf-8" },
    });
    expect(raw.status).toBe(413);
    expect(raw.parsedBody).toMatchObject({ code: "RequestBodyTooLarge" });
    const huge = Array.from({ length: 100 }, (_, i) => ({
      id: `huge-${i}`,
      commandLine: `/bin/echo ${"x".repeat(11_000)}`,
    }));
    expect(await failure(acct.client.task.addCollection("proto", huge))).toMatchObject({
      statusCode: 413,
      code: "RequestBodyTooLarge",
    });
    expect(await failure(acct.client.task.get("proto", "huge-0"))).toMatchObject({ statusCode: 404 });
  });

  it("reports duplicates inside a collection per task", async () => {
    const r = await acct.client.task.addCollection("proto", [
      { id: "dup", commandLine: "/bin/true" },
      { id: "DUP", commandLine: "/bin/true" },
      { id: "bad id!", commandLine: "/bin/true" },
    ]);
    expect(r.value?.map((x) => [x.status, x.error?.code])).toEqual([
      ["success", undefined],
      ["clienterror", "TaskExists"],
      ["clienterror", "InvalidPropertyValue"],
    ]);
  });

  it("honours If-Match (412) and If-None-Match (304) with ETags and 201 headers", async () => {
    const created = await acct.client.job.add({ id: "etags", poolInfo: { poolId: "plain" } });
    expect(created._response.headers.get("location")).toBe(`${acct.handle.url}/jobs/etags`);
    expect(created.dataServiceId).toBe(`${acct.handle.url}/jobs/etags`);
    const etag = created.eTag!;
    expect(etag).toMatch(/^0x[0-9A-F]+$/);
    const stale = await failure(
      acct.client.job.patch("etags", { priority: 5 }, { jobPatchOptions: { ifMatch: "0x1" } }),
    );
    expect(stale).toMatchObject({ statusCode: 412, code: "ConditionNotMet" });
    const patched = await acct.client.job.patch(
      "etags",
      { priority: 5 },
      { jobPatchOptions: { ifMatch: etag } },
    );
    expect(patched.eTag).not.toBe(etag);
    const notModified = await failure(
      acct.client.job.get("etags", { jobGetOptions: { ifNoneMatch: patched.eTag } }),
    );
    expect(notModified.statusCode).toBe(304);
    expect((await acct.client.job.get("etags")).priority).toBe(5);
  });
});

describe("task outcomes and files", () => {
  it("reads a range of stdout while the task is still writing it (always 200)", async () => {
    await acct.client.task.add("proto", {
      id: "slow",
      commandLine: `/bin/sh -c "echo begin; sleep 4; echo end"`,
    });
    await waitFor(
      async () =>
        (await acct.client.file.getPropertiesFromTask("proto", "slow", "stdout.txt").catch(() => undefined))
          ?.contentLength,
      (n) => n === 6,
      10_000,
      "first line of stdout",
    );
    expect((await acct.client.task.get("proto", "slow")).state).toBe("running");
    const part = await acct.client.file.getFromTask("proto", "slow", "stdout.txt", {
      fileGetFromTaskOptions: { ocpRange: "bytes=1-4" },
    });
    expect(part._response.status).toBe(200);
    expect(await streamText(part.readableStreamBody)).toBe("egin");
    await completed("proto", "slow");
    const all = await acct.client.file.getFromTask("proto", "slow", "stdout.txt");
    expect(await streamText(all.readableStreamBody)).toBe("begin\nend\n");
  });

  it("retries non-zero exits up to maxTaskRetryCount and reports FailureExitCode", async () => {
    await acct.client.task.add("proto", {
      id: "fails",
      commandLine: "/bin/sh -c 'echo no >&2; exit 3'",
      constraints: { maxTaskRetryCount: 2 },
    });
    const t = await completed("proto", "fails");
    expect(t.executionInfo).toMatchObject({
      exitCode: 3,
      result: "failure",
      retryCount: 2,
      failureInfo: { category: "usererror", code: "FailureExitCode" },
    });
    const err = await acct.client.file.getFromTask("proto", "fails", "stderr.txt");
    expect(await streamText(err.readableStreamBody)).toBe("no\n");
  });

  it("does not retry a missing program (CommandProgramNotFound)", async () => {
    await acct.client.task.add("proto", {
      id: "enoent",
      commandLine: "/no/such/program --flag",
      constraints: { maxTaskRetryCount: 3 },
    });
    const t = await completed("proto", "enoent");
    expect(t.executionInfo).toMatchObject({
      result: "failure",
      retryCount: 0,
      failureInfo: { code: "CommandProgramNotFound" },
    });
    expect(t.executionInfo?.exitCode).toBeUndefined();
  });

  it("terminates and reactivates a task", async () => {
    await acct.client.task.add("proto", { id: "long", commandLine: "/bin/sh -c 'sleep 30'" });
    await waitFor(
      () => acct.client.task.get("proto", "long"),
      (t) => t.state === "running",
      10_000,
      "running",
    );
    expect((await acct.client.task.terminate("proto", "long"))._response.status).toBe(204);
    const t = await completed("proto", "long");
    expect(t.executionInfo?.failureInfo?.code).toBe("TaskEnded");
    await acct.client.task.update("proto", "long", { constraints: { maxWallClockTime: "PT1S" } });
    expect((await acct.client.task.reactivate("proto", "long"))._response.status).toBe(204);
    const again = await waitFor(
      () => acct.client.task.get("proto", "long"),
      (x) => x.state === "completed" && x.previousState === "running",
      10_000,
      "timed out",
    );
    expect(again.executionInfo?.failureInfo?.message).toMatch(/wall clock/);
  });

  it("lists, reads and deletes node files with the task layout and the AZ_BATCH environment", async () => {
    await acct.client.task.add("proto", {
      id: "env",
      commandLine: "/bin/sh -c 'env | grep ^AZ_BATCH_ | sort'",
    });
    const t = await completed("proto", "env");
    const out = await streamText(
      (await acct.client.file.getFromTask("proto", "env", "stdout.txt")).readableStreamBody,
    );
    const names = out
      .trim()
      .split("\n")
      .map((l) => l.split("=")[0]);
    expect(names).toEqual(
      expect.arrayContaining([
        "AZ_BATCH_ACCOUNT_NAME",
        "AZ_BATCH_ACCOUNT_URL",
        "AZ_BATCH_JOB_ID",
        "AZ_BATCH_NODE_ID",
        "AZ_BATCH_NODE_IS_DEDICATED",
        "AZ_BATCH_NODE_MOUNTS_DIR",
        "AZ_BATCH_NODE_ROOT_DIR",
        "AZ_BATCH_NODE_SHARED_DIR",
        "AZ_BATCH_NODE_STARTUP_DIR",
        "AZ_BATCH_POOL_ID",
        "AZ_BATCH_TASK_DIR",
        "AZ_BATCH_TASK_ID",
        "AZ_BATCH_TASK_RESERVED_EPHEMERAL_DISK_SPACE_BYTES",
        "AZ_BATCH_TASK_WORKING_DIR",
      ]),
    );
    const nodeId = t.nodeInfo!.nodeId!;
    const rootFiles = await acct.client.file.listFromComputeNode("plain", nodeId);
    expect(rootFiles.map((f) => f.name)).toEqual([
      "applications",
      "fsmounts",
      "shared",
      "startup",
      "volatile",
      "workitems",
    ]);
    const viaNode = await acct.client.file.getFromComputeNode(
      "plain",
      nodeId,
      "workitems/proto/job-1/env/stdout.txt",
    );
    expect(await streamText(viaNode.readableStreamBody)).toBe(out);
    const props = await acct.client.file.getPropertiesFromTask("proto", "env", "stdout.txt");
    expect(props.ocpBatchFileIsdirectory).toBe(false);
    expect(props.contentLength).toBe(Buffer.byteLength(out));
    expect((await acct.client.file.deleteFromTask("proto", "env", "stdout.txt"))._response.status).toBe(200);
    expect(
      (await failure(acct.client.file.getPropertiesFromTask("proto", "env", "stdout.txt"))).statusCode,
    ).toBe(404);
    expect(
      (await failure(acct.client.file.getFromTask("proto", "env", "../../../../../../etc/passwd")))
        .statusCode,
    ).toBe(404);
  });
});
