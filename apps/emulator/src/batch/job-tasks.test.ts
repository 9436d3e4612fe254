/**
 * The job's own tasks through the real @azure/batch 10.2.0 client and the process runtime: job
 * manager (runs first, killJobOnCompletion, runExclusive, in the task list), job preparation
 * (once per node before the job's tasks there, waitForSuccess, retries) and job release (when the
 * job ends, on each node that prepared), the status API, the errors for wrong combinations, and
 * what survives a restart.
 */
import type { BatchServiceClient } from "@azure/batch";
import { afterEach, describe, expect, it } from "vitest";
import {
  CONTAINER_IMAGE,
  failure,
  PLAIN_VM,
  startTestAccount,
  streamText,
  waitFor,
  type TestAccount,
} from "./testing/account-harness";

const accounts: TestAccount[] = [];
afterEach(async () => {
  for (const a of accounts.splice(0)) await a.dispose();
});

async function account(): Promise<TestAccount> {
  const a = await startTestAccount();
  accounts.push(a);
  return a;
}

const sh = (script: string) => `/bin/sh -c "${script}"`;
/** Appends a line to the node's shared log, so the order of everything on a node can be read back. */
const logLine = (word: string) => sh(`echo ${word} >> $AZ_BATCH_NODE_SHARED_DIR/order.txt`);

async function idlePool(client: BatchServiceClient, id: string, nodes: number, extra: object = {}) {
  await client.pool.add({
    id,
    vmSize: "standard_d2s_v3",
    virtualMachineConfiguration: PLAIN_VM,
    targetDedicatedNodes: nodes,
    ...extra,
  });
  return waitFor(
    () => client.computeNode.list(id),
    (ns) => ns.length === nodes && ns.every((n) => n.state === "idle"),
    20_000,
    `${nodes} idle nodes`,
  );
}

const jobState = (client: BatchServiceClient, id: string, state: string) =>
  waitFor(
    () => client.job.get(id),
    (j) => j.state === state,
    20_000,
    `job ${id} ${state}`,
  );

describe("job manager, preparation and release tasks", () => {
  it("runs the job manager first, prepares each node once before its tasks, releases on each when the job ends", async () => {
    const { client } = await account();
    // Two slots per node, so only runExclusive keeps the job's tasks off the job manager's node.
    const nodes = await idlePool(client, "p2", 2, { taskSlotsPerNode: 2 });
    await client.job.add({
      id: "jpr",
      poolInfo: { poolId: "p2" },
      jobManagerTask: {
        id: "manager",
        commandLine: sh("echo jm >> $AZ_BATCH_NODE_SHARED_DIR/order.txt; sleep 0.5"),
        killJobOnCompletion: false,
      },
      jobPreparationTask: { commandLine: logLine("prep") },
      jobReleaseTask: { commandLine: logLine("release") },
    });
    for (const i of [1, 2, 3, 4])
      await client.task.add("jpr", {
        id: `t${i}`,
        commandLine: sh(
          `echo t${i} >> $AZ_BATCH_NODE_SHARED_DIR/order.txt; echo $AZ_BATCH_JOB_PREP_WORKING_DIR; sleep 0.3`,
        ),
      });

    // The job manager is a task of the job, with its own id, and taken ids are refused.
    expect((await client.task.list("jpr")).map((t) => t.id)).toContain("manager");
    expect((await failure(client.task.add("jpr", { id: "MANAGER", commandLine: "/bin/true" }))).code).toBe(
      "TaskExists",
    );
    expect(
      (await failure(client.task.add("jpr", { id: "jobpreparation", commandLine: "/bin/true" }))).code,
    ).toBe("TaskIdSameAsJobPreparationTask");
    expect((await failure(client.task.add("jpr", { id: "jobrelease", commandLine: "/bin/true" }))).code).toBe(
      "TaskIdSameAsJobReleaseTask",
    );

    const tasks = await waitFor(
      () => client.task.list("jpr"),
      (ts) => ts.length === 5 && ts.every((t) => t.state === "completed"),
      20_000,
      "all tasks completed",
    );
    expect(tasks.every((t) => t.executionInfo?.result === "success")).toBe(true);
    const manager = tasks.find((t) => t.id === "manager")!;
    // runExclusive (the default): nothing else ran on the manager's node while it ran.
    for (const t of tasks.filter(
      (x) => x.nodeInfo?.nodeId === manager.nodeInfo?.nodeId && x.id !== "manager",
    ))
      expect(t.executionInfo!.startTime!.getTime()).toBeGreaterThanOrEqual(
        manager.executionInfo!.endTime!.getTime(),
      );
    const t1 = tasks.find((t) => t.id === "t1")!;
    const out = await streamText(
      (await client.file.getFromTask("jpr", "t1", "stdout.txt")).readableStreamBody,
    );
    expect(out.trim()).toMatch(/\/workitems\/jpr\/job-1\/jobpreparation\/wd$/);
    expect(new Set(tasks.map((t) => t.nodeInfo?.nodeId)).size).toBe(2);
    expect(t1.state).toBe("completed");

    const before = await client.job.listPreparationAndReleaseTaskStatus("jpr");
    expect(before).toHaveLength(2);
    for (const row of before) {
      expect(row.poolId).toBe("p2");
      expect(row.nodeUrl).toContain(`/pools/p2/nodes/${row.nodeId}`);
      expect(row.jobPreparationTaskExecutionInfo).toMatchObject({
        state: "completed",
        exitCode: 0,
        retryCount: 0,
        result: "success",
        taskRootDirectory: "workitems/jpr/job-1/jobpreparation",
      });
      expect(row.jobPreparationTaskExecutionInfo!.taskRootDirectoryUrl).toBe(
        `${row.nodeUrl}/files/workitems/jpr/job-1/jobpreparation`,
      );
      expect(row.jobReleaseTaskExecutionInfo).toBeUndefined();
    }

    await client.job.terminate("jpr");
    const job = await jobState(client, "jpr", "completed");
    expect(job.executionInfo?.terminateReason).toBe("UserTerminate");
    const [one] = await client.job.listPreparationAndReleaseTaskStatus("jpr", {
      jobListPreparationAndReleaseTaskStatusOptions: { filter: `nodeId eq '${before[1]!.nodeId}'` },
    });
    expect(one?.nodeId).toBe(before[1]!.nodeId);
    const after = await client.job.listPreparationAndReleaseTaskStatus("jpr");
    for (const row of after)
      expect(row.jobReleaseTaskExecutionInfo).toMatchObject({
        state: "completed",
        exitCode: 0,
        result: "success",
        taskRootDirectory: "workitems/jpr/job-1/jobrelease",
      });

    // On each node: the preparation first, the release last, the job's tasks in between.
    for (const node of nodes) {
      const lines = (
        await streamText(
          (await client.file.getFromComputeNode("p2", node.id!, "shared/order.txt")).readableStreamBody,
        )
      )
        .trim()
        .split("\n");
      expect(lines[0]).toBe("prep");
      expect(lines.filter((l) => l === "prep")).toHaveLength(1);
      expect(lines[lines.length - 1]).toBe("release");
      expect(lines.length).toBeGreaterThan(2);
    }
    // The job manager ran before any other task of the job.
    const starts = tasks.filter((t) => t.id !== "manager").map((t) => t.executionInfo!.startTime!.getTime());
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(manager.executionInfo!.startTime!.getTime());
  }, 60_000);

  it("completes the job with JMComplete when the job manager ends (killJobOnCompletion), ending its other tasks", async () => {
    const { client } = await account();
    await idlePool(client, "pk", 2);
    await client.job.add({
      id: "jk",
      poolInfo: { poolId: "pk" },
      jobManagerTask: { id: "jm", commandLine: sh("sleep 0.5") },
    });
    await client.task.add("jk", { id: "long", commandLine: "sleep 30" });
    const job = await jobState(client, "jk", "completed");
    expect(job.executionInfo?.terminateReason).toBe("JMComplete");
    const long = await client.task.get("jk", "long");
    expect(long.state).toBe("completed");
    expect(long.executionInfo?.failureInfo?.code).toBe("TaskEnded");
    expect((await client.task.get("jk", "jm")).executionInfo?.result).toBe("success");
    // Without a preparation or release task there is no status to list.
    expect((await failure(client.job.listPreparationAndReleaseTaskStatus("jk"))).code).toBe(
      "JobPreparationTaskNotSpecified",
    );
  }, 40_000);

  it("keeps the job's tasks off a node whose preparation failed (waitForSuccess), and not without it; the outcome survives a restart", async () => {
    const acct = await account();
    await idlePool(acct.client, "pf", 1);
    await acct.client.job.add({
      id: "jfail",
      poolInfo: { poolId: "pf" },
      jobPreparationTask: { commandLine: sh("exit 3"), constraints: { maxTaskRetryCount: 1 } },
    });
    await acct.client.task.add("jfail", { id: "blocked", commandLine: "/bin/true" });
    const [row] = await waitFor(
      () => acct.client.job.listPreparationAndReleaseTaskStatus("jfail"),
      (rows) => rows[0]?.jobPreparationTaskExecutionInfo?.state === "completed",
      20_000,
      "preparation completed",
    );
    expect(row!.jobPreparationTaskExecutionInfo).toMatchObject({
      exitCode: 3,
      retryCount: 1,
      result: "failure",
      failureInfo: { category: "usererror", code: "FailureExitCode" },
    });
    expect(row!.jobPreparationTaskExecutionInfo!.lastRetryTime).toBeInstanceOf(Date);

    // waitForSuccess false: the same failing preparation does not hold the job's tasks back.
    await acct.client.job.add({
      id: "jnowait",
      poolInfo: { poolId: "pf" },
      jobPreparationTask: { commandLine: sh("exit 3"), waitForSuccess: false },
    });
    await acct.client.task.add("jnowait", { id: "runs", commandLine: "/bin/true" });
    await waitFor(
      () => acct.client.task.get("jnowait", "runs"),
      (t) => t.state === "completed" && t.executionInfo?.result === "success",
      20_000,
      "task without waitForSuccess completed",
    );
    const blocked = await acct.client.task.get("jfail", "blocked");
    expect(blocked.state).toBe("active");
    expect(blocked.executionInfo?.startTime).toBeUndefined();

    await acct.restart();
    const [again] = await acct.client.job.listPreparationAndReleaseTaskStatus("jfail");
    expect(again!.jobPreparationTaskExecutionInfo).toMatchObject({ exitCode: 3, result: "failure" });
    await new Promise((r) => setTimeout(r, 300));
    expect((await acct.client.task.get("jfail", "blocked")).state).toBe("active");
  }, 60_000);

  it("runs the release before completing a job whose tasks are all done (onAllTasksComplete)", async () => {
    const { client } = await account();
    await idlePool(client, "pa", 1);
    await client.job.add({
      id: "jall",
      poolInfo: { poolId: "pa" },
      onAllTasksComplete: "terminatejob",
      jobPreparationTask: { commandLine: "/bin/true" },
      jobReleaseTask: { commandLine: "/bin/true" },
    });
    await client.task.add("jall", { id: "only", commandLine: "/bin/true" });
    const job = await jobState(client, "jall", "completed");
    expect(job.executionInfo?.terminateReason).toBe("AllTasksComplete");
    const [row] = await client.job.listPreparationAndReleaseTaskStatus("jall");
    expect(row!.jobReleaseTaskExecutionInfo).toMatchObject({ state: "completed", result: "success" });
  }, 30_000);

  it("runs a preparation again that a restart cut short, then the task waiting for it", async () => {
    const acct = await account();
    await idlePool(acct.client, "pr", 1);
    await acct.client.job.add({
      id: "jcut",
      poolInfo: { poolId: "pr" },
      jobPreparationTask: { commandLine: sh("echo run >> $AZ_BATCH_NODE_SHARED_DIR/preps.txt; sleep 1") },
    });
    await acct.client.task.add("jcut", { id: "waits", commandLine: "/bin/true" });
    expect((await acct.client.task.get("jcut", "waits")).state).not.toBe("completed");
    const [node] = await acct.client.computeNode.list("pr");
    // The preparation has started on the node (its first line is written) when the emulator stops.
    await waitFor(
      () =>
        acct.client.file
          .getFromComputeNode("pr", node!.id!, "shared/preps.txt")
          .then((r) => streamText(r.readableStreamBody))
          .catch(() => ""),
      (text) => text === "run\n",
      20_000,
      "the preparation running",
    );
    expect((await acct.client.task.get("jcut", "waits")).state).toBe("preparing");
    await acct.restart();
    const t = await waitFor(
      () => acct.client.task.get("jcut", "waits"),
      (x) => x.state === "completed",
      20_000,
      "task completed after the restart",
    );
    expect(t.executionInfo?.result).toBe("success");
    const [row] = await acct.client.job.listPreparationAndReleaseTaskStatus("jcut");
    expect(row!.jobPreparationTaskExecutionInfo).toMatchObject({ state: "completed", result: "success" });
    const runs = await streamText(
      (await acct.client.file.getFromComputeNode("pr", row!.nodeId!, "shared/preps.txt")).readableStreamBody,
    );
    expect(runs).toBe("run\nrun\n");
  }, 40_000);

  it("prepares a node again after its reboot (unless rerunOnNodeRebootAfterSuccess is false), and releases when the job is deleted", async () => {
    const { client } = await account();
    const [node] = await idlePool(client, "pb", 1);
    const read = (path: string) =>
      client.file.getFromComputeNode("pb", node!.id!, path).then((r) => streamText(r.readableStreamBody));
    for (const [id, rerun] of [
      ["again", true],
      ["once", false],
    ] as const)
      await client.job.add({
        id,
        poolInfo: { poolId: "pb" },
        jobPreparationTask: { commandLine: logLine(id), rerunOnNodeRebootAfterSuccess: rerun },
        jobReleaseTask: { commandLine: logLine(`${id}-released`) },
      });
    const runTask = async (job: string, id: string) => {
      await client.task.add(job, { id, commandLine: "/bin/true" });
      await waitFor(
        () => client.task.get(job, id),
        (t) => t.state === "completed",
        20_000,
        `${job}/${id} completed`,
      );
    };
    await runTask("again", "a1");
    await runTask("once", "o1");
    await client.computeNode.reboot("pb", node!.id!);
    await waitFor(
      () => client.computeNode.get("pb", node!.id!),
      (n) => n.state === "idle" && n.lastBootTime!.getTime() > node!.lastBootTime!.getTime(),
      20_000,
      "node rebooted",
    );
    await runTask("again", "a2");
    await runTask("once", "o2");
    await client.job.deleteMethod("again");
    await waitFor(
      () => read("shared/order.txt"),
      (text) => text.includes("again-released"),
      20_000,
      "release on delete",
    );
    const lines = (await read("shared/order.txt")).trim().split("\n");
    expect(lines.filter((l) => l === "again")).toHaveLength(2);
    expect(lines.filter((l) => l === "once")).toHaveLength(1);
    expect(lines).not.toContain("once-released");
  }, 40_000);

  it("removes the preparation's directory from the node after its retentionTime", async () => {
    const { client } = await account();
    const [node] = await idlePool(client, "pt", 1);
    await client.job.add({
      id: "jret",
      poolInfo: { poolId: "pt" },
      jobPreparationTask: { commandLine: "/bin/true", constraints: { retentionTime: "PT1S" } },
    });
    await client.task.add("jret", { id: "t", commandLine: "/bin/true" });
    const exists = () =>
      client.file
        .getPropertiesFromComputeNode("pt", node!.id!, "workitems/jret/job-1/jobpreparation/stdout.txt")
        .then(
          () => true,
          () => false,
        );
    await waitFor(exists, (e) => e, 20_000, "preparation directory");
    await waitFor(exists, (e) => !e, 20_000, "preparation directory removed");
    const [row] = await client.job.listPreparationAndReleaseTaskStatus("jret");
    expect(row!.jobPreparationTaskExecutionInfo?.result).toBe("success");
  }, 40_000);

  it("answers wrong combinations with Batch's errors, naming the property", async () => {
    const { client } = await account();
    await client.pool.add({
      id: "cpool",
      vmSize: "standard_d2s_v3",
      virtualMachineConfiguration: {
        ...CONTAINER_IMAGE,
        containerConfiguration: {},
      },
      targetDedicatedNodes: 0,
    });
    const releaseOnly = await failure(
      client.job.add({
        id: "r",
        poolInfo: { poolId: "cpool" },
        jobReleaseTask: { commandLine: "/bin/true" },
      }),
    );
    expect(releaseOnly.statusCode).toBe(400);
    expect(releaseOnly.code).toBe("InvalidPropertyValue");
    expect(releaseOnly.body?.values).toContainEqual({ key: "PropertyName", value: "jobReleaseTask" });

    const tooLong = await failure(
      client.job.add({
        id: "r2",
        poolInfo: { poolId: "cpool" },
        jobPreparationTask: { commandLine: "/bin/true" },
        jobReleaseTask: { commandLine: "/bin/true", maxWallClockTime: "PT20M" },
      }),
    );
    expect(tooLong.body?.values).toContainEqual({ key: "PropertyName", value: "maxWallClockTime" });

    const noContainer = await failure(
      client.job.add({
        id: "m",
        poolInfo: { poolId: "cpool" },
        jobManagerTask: { id: "jm", commandLine: "/bin/true" },
      }),
    );
    expect(noContainer.code).toBe("InvalidPropertyValue");
    expect(noContainer.body?.values).toContainEqual({ key: "PropertyName", value: "containerSettings" });

    // Preparation and release tasks may run on the host of a container pool.
    await client.job.add({
      id: "host",
      poolInfo: { poolId: "cpool" },
      jobPreparationTask: { commandLine: "/bin/true" },
      jobReleaseTask: { commandLine: "/bin/true" },
    });
    const job = await client.job.get("host");
    expect(job.jobPreparationTask).toMatchObject({
      id: "jobpreparation",
      waitForSuccess: true,
      rerunOnNodeRebootAfterSuccess: true,
    });
    expect(job.jobReleaseTask).toMatchObject({
      id: "jobrelease",
      maxWallClockTime: "PT15M",
      retentionTime: "P7D",
    });
    expect(await client.job.listPreparationAndReleaseTaskStatus("host")).toHaveLength(0);
  }, 30_000);
});
