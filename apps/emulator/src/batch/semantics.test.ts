/**
 * Pool, node and job life cycles through the real @azure/batch 10.2.0 client: start tasks,
 * resize / stopResize / removeNodes / delete, reboot and reimage, scheduling, slots, job
 * completion, termination, disable and enable.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  failure,
  PLAIN_VM,
  startTestAccount,
  streamText,
  waitFor,
  type TestAccount,
} from "./testing/account-harness";

let acct: TestAccount;
beforeAll(async () => {
  acct = await startTestAccount({ timeScale: { nodeAllocateMs: 150, nodeBootMs: 20, stepMs: 20 } });
});
afterAll(async () => {
  await acct?.dispose();
});

const plainPool = (id: string, extra: object = {}) => ({
  id,
  vmSize: "standard_d2s_v3",
  virtualMachineConfiguration: PLAIN_VM,
  ...extra,
});
const nodesOf = (poolId: string) => acct.client.computeNode.list(poolId);
const steady = (poolId: string) =>
  waitFor(
    () => acct.client.pool.get(poolId),
    (p) => p.allocationState === "steady",
    10_000,
    `${poolId} steady`,
  );

describe("pools and nodes", () => {
  it("runs the start task on each node before it turns idle, and reports a failing one", async () => {
    await acct.client.pool.add(
      plainPool("starter", {
        targetDedicatedNodes: 2,
        startTask: {
          commandLine: `/bin/sh -c "echo hello > $AZ_BATCH_NODE_STARTUP_DIR/wd/hello.txt; echo $AZ_BATCH_TASK_ID"`,
          waitForSuccess: true,
        },
      }),
    );
    expect((await acct.client.pool.get("starter")).allocationState).toBe("resizing");
    const nodes = await waitFor(
      () => nodesOf("starter"),
      (ns) => ns.length === 2 && ns.every((n) => n.state === "idle"),
      10_000,
      "idle",
    );
    for (const n of nodes) {
      expect(n.startTaskInfo).toMatchObject({ state: "completed", exitCode: 0, result: "success" });
      const file = await acct.client.file.getFromComputeNode("starter", n.id!, "startup/wd/hello.txt");
      expect(await streamText(file.readableStreamBody)).toBe("hello\n");
      // The start task gets no AZ_BATCH_TASK_ID.
      const out = await acct.client.file.getFromComputeNode("starter", n.id!, "startup/stdout.txt");
      expect(await streamText(out.readableStreamBody)).toBe("\n");
    }
    await acct.client.pool.add(
      plainPool("badstart", {
        targetDedicatedNodes: 1,
        startTask: { commandLine: "/bin/sh -c 'exit 7'", maxTaskRetryCount: 1 },
      }),
    );
    const [bad] = await waitFor(
      () => nodesOf("badstart"),
      (ns) => ns[0]?.state === "starttaskfailed",
      10_000,
      "starttaskfailed",
    );
    expect(bad!.startTaskInfo).toMatchObject({
      exitCode: 7,
      result: "failure",
      retryCount: 1,
      failureInfo: { code: "FailureExitCode" },
    });
  });

  it("resizes up and down, stops a resize, removes nodes and deletes the pool", async () => {
    await acct.client.pool.add(plainPool("elastic", { targetDedicatedNodes: 1 }));
    await steady("elastic");
    expect((await acct.client.pool.resize("elastic", { targetDedicatedNodes: 3 }))._response.status).toBe(
      202,
    );
    expect(await failure(acct.client.pool.resize("elastic", { targetDedicatedNodes: 4 }))).toMatchObject({
      statusCode: 409,
      code: "PoolBeingResized",
    });
    await steady("elastic");
    expect((await nodesOf("elastic")).length).toBe(3);
    await acct.client.pool.resize("elastic", { targetDedicatedNodes: 5 });
    expect((await acct.client.pool.stopResize("elastic"))._response.status).toBe(202);
    const stopped = await steady("elastic");
    expect(stopped.resizeErrors?.[0]?.code).toBe("ResizeStopped");
    expect(stopped.currentDedicatedNodes).toBe(3);
    const victim = (await nodesOf("elastic"))[0]!.id!;
    expect((await acct.client.pool.removeNodes("elastic", { nodeList: [victim] }))._response.status).toBe(
      202,
    );
    await waitFor(
      () => nodesOf("elastic"),
      (ns) => ns.length === 2 && !ns.some((n) => n.id === victim),
      10_000,
      "node removed",
    );
    expect((await steady("elastic")).targetDedicatedNodes).toBe(2);
    expect((await acct.client.pool.deleteMethod("elastic"))._response.status).toBe(202);
    const deleting = await acct.client.pool.get("elastic").catch(() => undefined);
    if (deleting) expect(deleting.state).toBe("deleting");
    expect(await failure(acct.client.pool.resize("elastic", { targetDedicatedNodes: 1 }))).toMatchObject({
      statusCode: expect.any(Number),
    });
    await waitFor(
      async () => (await acct.client.pool.exists("elastic")).body,
      (exists) => exists === false,
      10_000,
      "pool gone",
    );
  });

  it("refuses Cloud Services Configuration pools, as Azure does since their retirement", async () => {
    const err = await acct.client.pool
      .add({
        id: "csc",
        vmSize: "small",
        cloudServiceConfiguration: { osFamily: "6" },
        targetDedicatedNodes: 1,
      })
      .then(
        () => undefined,
        (e: { statusCode?: number; code?: string; body?: { values?: { key: string; value: string }[] } }) =>
          e,
      );
    expect(err?.statusCode).toBe(400);
    expect(err?.code).toBe("InvalidPropertyValue");
    expect(err?.body?.values).toContainEqual({ key: "PropertyName", value: "cloudServiceConfiguration" });
    expect(await acct.client.pool.exists("csc")).toMatchObject({ body: false });
  });

  it("patches and replaces pool properties", async () => {
    await acct.client.pool.add(plainPool("props"));
    expect(
      (await acct.client.pool.patch("props", { metadata: [{ name: "team", value: "blue" }] }))._response
        .status,
    ).toBe(200);
    expect((await acct.client.pool.get("props")).metadata).toEqual([{ name: "team", value: "blue" }]);
    // PATCH replaces the start task as a whole and leaves what it does not name (metadata) alone.
    await acct.client.pool.patch("props", {
      startTask: {
        commandLine: "/bin/sh -c 'echo $GREETING'",
        environmentSettings: [{ name: "GREETING", value: "hi" }],
        userIdentity: { autoUser: { scope: "pool", elevationLevel: "admin" } },
        waitForSuccess: false,
      },
    });
    expect(await acct.client.pool.get("props")).toMatchObject({
      metadata: [{ name: "team", value: "blue" }],
      startTask: {
        commandLine: "/bin/sh -c 'echo $GREETING'",
        environmentSettings: [{ name: "GREETING", value: "hi" }],
        userIdentity: { autoUser: { scope: "pool", elevationLevel: "admin" } },
        waitForSuccess: false,
      },
    });
    expect(
      await failure(
        acct.client.pool.patch("props", {
          startTask: { commandLine: "x", containerSettings: { imageName: "busybox" } },
        }),
      ),
    ).toMatchObject({ statusCode: 400 });
    const r = await acct.client.pool.updateProperties("props", {
      startTask: { commandLine: "/bin/true" },
      certificateReferences: [],
      applicationPackageReferences: [],
      metadata: [],
    });
    expect(r._response.status).toBe(204);
    const p = await acct.client.pool.get("props", { poolGetOptions: { select: "id,startTask,metadata" } });
    expect(p).toMatchObject({ id: "props", startTask: { commandLine: "/bin/true" }, metadata: [] });
    expect(p.vmSize).toBeUndefined();
  });

  it("reboots and reimages nodes, requeueing their tasks, and toggles scheduling", async () => {
    await acct.client.pool.add(plainPool("ops", { targetDedicatedNodes: 1 }));
    const [node] = await waitFor(
      () => nodesOf("ops"),
      (ns) => ns[0]?.state === "idle",
      10_000,
      "idle",
    );
    const nodeId = node!.id!;
    await acct.client.job.add({ id: "opsjob", poolInfo: { poolId: "ops" } });
    await acct.client.task.add("opsjob", { id: "sleeper", commandLine: "/bin/sh -c 'sleep 3; echo done'" });
    await waitFor(
      () => acct.client.task.get("opsjob", "sleeper"),
      (t) => t.state === "running",
      10_000,
      "running",
    );
    expect((await acct.client.computeNode.reboot("ops", nodeId))._response.status).toBe(202);
    const t = await waitFor(
      () => acct.client.task.get("opsjob", "sleeper"),
      (x) => x.state === "completed",
      15_000,
      "completed after reboot",
    );
    expect(t.executionInfo).toMatchObject({ requeueCount: 1, result: "success" });
    expect((await acct.client.computeNode.reimage("ops", nodeId))._response.status).toBe(202);
    await waitFor(
      () => acct.client.computeNode.get("ops", nodeId),
      (n) => n.state === "idle",
      10_000,
      "idle after reimage",
    );
    expect((await acct.client.computeNode.disableScheduling("ops", nodeId))._response.status).toBe(200);
    await acct.client.task.add("opsjob", { id: "waits", commandLine: "/bin/true" });
    await new Promise((r) => setTimeout(r, 200));
    expect((await acct.client.task.get("opsjob", "waits")).state).toBe("active");
    expect((await acct.client.computeNode.enableScheduling("ops", nodeId))._response.status).toBe(200);
    await waitFor(
      () => acct.client.task.get("opsjob", "waits"),
      (x) => x.state === "completed",
      10_000,
      "ran after enable",
    );
  });
});

describe("jobs", () => {
  beforeAll(async () => {
    await acct.client.pool.add(plainPool("jobs", { targetDedicatedNodes: 1, taskSlotsPerNode: 2 }));
    await waitFor(
      () => nodesOf("jobs"),
      (ns) => ns[0]?.state === "idle",
      10_000,
      "idle",
    );
  });

  it("honours taskSlotsPerNode and requiredSlots", async () => {
    await acct.client.job.add({ id: "slots", poolInfo: { poolId: "jobs" } });
    await acct.client.task.addCollection("slots", [
      { id: "a", commandLine: "/bin/sh -c 'sleep 2'" },
      { id: "b", commandLine: "/bin/sh -c 'sleep 2'" },
      { id: "wide", commandLine: "/bin/true", requiredSlots: 2 },
    ]);
    const node = await waitFor(
      () => nodesOf("jobs"),
      (ns) => ns[0]?.runningTasksCount === 2,
      10_000,
      "two running",
    );
    expect(node[0]!.runningTaskSlotsCount).toBe(2);
    expect((await acct.client.task.get("slots", "wide")).state).toBe("active");
    await waitFor(
      () => acct.client.task.get("slots", "wide"),
      (t) => t.state === "completed",
      10_000,
      "wide ran",
    );
    expect(
      await failure(
        acct.client.task.add("slots", { id: "toowide", commandLine: "/bin/true", requiredSlots: 3 }),
      ),
    ).toMatchObject({
      statusCode: 400,
      code: "InvalidPropertyValue",
    });
  });

  it("completes a job with onAllTasksComplete=terminatejob once its tasks are done", async () => {
    await acct.client.job.add({
      id: "auto",
      poolInfo: { poolId: "jobs" },
      onAllTasksComplete: "terminatejob",
    });
    await acct.client.task.addCollection("auto", [
      { id: "one", commandLine: "/bin/true" },
      { id: "two", commandLine: "/bin/sh -c 'exit 1'" },
    ]);
    const job = await waitFor(
      () => acct.client.job.get("auto"),
      (j) => j.state === "completed",
      10_000,
      "job completed",
    );
    expect(job.executionInfo?.terminateReason).toBe("AllTasksComplete");
    const counts = await acct.client.job.getTaskCounts("auto");
    expect(counts.taskCounts).toEqual({ active: 0, running: 0, completed: 2, succeeded: 1, failed: 1 });
    expect(
      await failure(acct.client.task.add("auto", { id: "late", commandLine: "/bin/true" })),
    ).toMatchObject({ statusCode: 409, code: "JobCompleted" });
  });

  it("terminates a job, ending its running tasks (UserTerminate)", async () => {
    await acct.client.job.add({ id: "stopme", poolInfo: { poolId: "jobs" } });
    await acct.client.task.add("stopme", { id: "forever", commandLine: "/bin/sh -c 'sleep 60'" });
    await waitFor(
      () => acct.client.task.get("stopme", "forever"),
      (t) => t.state === "running",
      10_000,
      "running",
    );
    expect((await acct.client.job.terminate("stopme"))._response.status).toBe(202);
    const job = await waitFor(
      () => acct.client.job.get("stopme"),
      (j) => j.state === "completed",
      10_000,
      "terminated",
    );
    expect(job.executionInfo?.terminateReason).toBe("UserTerminate");
    const t = await acct.client.task.get("stopme", "forever");
    expect(t.state).toBe("completed");
    expect(t.executionInfo?.failureInfo?.code).toBe("TaskEnded");
    expect(await failure(acct.client.job.terminate("stopme"))).toMatchObject({
      statusCode: 409,
      code: "JobCompleted",
    });
  });

  it("disables (requeueing) and enables a job, then deletes it", async () => {
    await acct.client.job.add({ id: "pause", poolInfo: { poolId: "jobs" } });
    await acct.client.task.add("pause", { id: "p1", commandLine: "/bin/sh -c 'sleep 2'" });
    await waitFor(
      () => acct.client.task.get("pause", "p1"),
      (t) => t.state === "running",
      10_000,
      "running",
    );
    expect((await acct.client.job.disable("pause", "requeue"))._response.status).toBe(202);
    await waitFor(
      () => acct.client.job.get("pause"),
      (j) => j.state === "disabled",
      10_000,
      "disabled",
    );
    const requeued = await acct.client.task.get("pause", "p1");
    expect(requeued).toMatchObject({ state: "active", executionInfo: { requeueCount: 1 } });
    expect((await acct.client.job.enable("pause"))._response.status).toBe(202);
    await waitFor(
      () => acct.client.task.get("pause", "p1"),
      (t) => t.state === "completed",
      10_000,
      "completed after enable",
    );
    expect((await acct.client.job.deleteMethod("pause"))._response.status).toBe(202);
    await waitFor(
      () =>
        acct.client.job.get("pause").then(
          () => "there",
          () => "gone",
        ),
      (s) => s === "gone",
      10_000,
      "job gone",
    );
  });

  it("updates a job with PUT and lists jobs with stats", async () => {
    await acct.client.job.add({ id: "upd", poolInfo: { poolId: "jobs" }, priority: 10 });
    expect((await acct.client.job.update("upd", { poolInfo: { poolId: "jobs" } }))._response.status).toBe(
      200,
    );
    expect((await acct.client.job.get("upd")).priority).toBe(0);
    const jobs = await acct.client.job.list({ jobListOptions: { filter: "id eq 'upd'", expand: "stats" } });
    expect(jobs[0]?.stats).toMatchObject({ numSucceededTasks: 0, numFailedTasks: 0 });
  });
});
