/**
 * Task constraints, exit conditions, job outcomes and task dependencies through the real
 * @azure/batch 10.2.0 client, with the process runtime: maxWallClockTime kills, real retries,
 * retentionTime, job maxWallClockTime, exitConditions → jobAction / dependencyAction,
 * onTaskFailure, the state machine's 409s, and dependsOn (taskIds, taskIdRanges).
 */
import type { BatchServiceModels } from "@azure/batch";
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
  acct = await startTestAccount();
  await acct.client.pool.add({
    id: "outcomes",
    vmSize: "standard_d2s_v3",
    virtualMachineConfiguration: PLAIN_VM,
    targetDedicatedNodes: 2,
    taskSlotsPerNode: 4,
  });
  await waitFor(
    () => acct.client.computeNode.list("outcomes"),
    (ns) => ns.length === 2 && ns.every((n) => n.state === "idle"),
    20_000,
    "idle nodes",
  );
});
afterAll(async () => {
  await acct?.dispose();
});

const task = (jobId: string, taskId: string) => acct.client.task.get(jobId, taskId);
const completed = (jobId: string, taskId: string) =>
  waitFor(
    () => task(jobId, taskId),
    (t) => t.state === "completed",
    20_000,
    `${taskId} completed`,
  );
const jobIn = (jobId: string, state: BatchServiceModels.JobState) =>
  waitFor(
    () => acct.client.job.get(jobId),
    (j) => j.state === state,
    20_000,
    `${jobId} ${state}`,
  );
const fileText = async (jobId: string, taskId: string, path: string) =>
  streamText((await acct.client.file.getFromTask(jobId, taskId, path)).readableStreamBody);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("task constraints", () => {
  beforeAll(async () => {
    await acct.client.job.add({ id: "constraints", poolInfo: { poolId: "outcomes" } });
  });

  it("kills a task at its maxWallClockTime and ends it with TaskEnded", async () => {
    await acct.client.task.add("constraints", {
      id: "overtime",
      commandLine: "/bin/sh -c 'echo started; sleep 3; echo finished > late.txt'",
      constraints: { maxWallClockTime: "PT1S", maxTaskRetryCount: 2 },
    });
    const t = await completed("constraints", "overtime");
    expect(t.executionInfo).toMatchObject({
      result: "failure",
      retryCount: 0,
      failureInfo: { category: "servererror", code: "TaskEnded" },
    });
    expect(await fileText("constraints", "overtime", "stdout.txt")).toBe("started\n");
    // Had the process survived, it would write late.txt about two seconds from now.
    await sleep(3000);
    expect(
      await failure(acct.client.file.getPropertiesFromTask("constraints", "overtime", "wd/late.txt")),
    ).toMatchObject({ statusCode: 404 });
  });

  it("retries a failing task maxTaskRetryCount times, running it again each time", async () => {
    await acct.client.task.add("constraints", {
      id: "thrice",
      commandLine: "/bin/sh -c 'echo run >> attempts.txt; exit 4'",
      constraints: { maxTaskRetryCount: 3 },
    });
    const t = await completed("constraints", "thrice");
    expect(t.executionInfo).toMatchObject({ retryCount: 3, exitCode: 4, result: "failure" });
    expect(t.executionInfo?.failureInfo?.code).toBe("FailureExitCode");
    // lastRetryTime is when the last retry started running, so it is the attempt's start time.
    expect(t.executionInfo?.lastRetryTime).toEqual(t.executionInfo?.startTime);
    expect(await fileText("constraints", "thrice", "wd/attempts.txt")).toBe("run\n".repeat(4));
  });

  it("removes the task directory once its retentionTime has passed", async () => {
    await acct.client.task.add("constraints", {
      id: "shortlived",
      commandLine: "/bin/sh -c 'echo kept'",
      constraints: { retentionTime: "PT1S" },
    });
    await completed("constraints", "shortlived");
    await waitFor(
      () =>
        acct.client.file.getPropertiesFromTask("constraints", "shortlived", "stdout.txt").then(
          () => "present",
          () => "gone",
        ),
      (v) => v === "gone",
      10_000,
      "task directory removed",
    );
    expect((await task("constraints", "shortlived")).state).toBe("completed");
  });

  it("answers 409 for a reactivate the state machine refuses", async () => {
    await acct.client.task.add("constraints", { id: "fine", commandLine: "/bin/true" });
    await completed("constraints", "fine");
    expect(await failure(acct.client.task.reactivate("constraints", "fine"))).toMatchObject({
      statusCode: 409,
      code: "OperationInvalidForCurrentState",
    });
    await acct.client.task.add("constraints", { id: "busy", commandLine: "/bin/sh -c 'sleep 30'" });
    expect(await failure(acct.client.task.reactivate("constraints", "busy"))).toMatchObject({
      statusCode: 409,
      code: "OperationInvalidForCurrentState",
    });
    // A refused move leaves the job's counts as they were.
    await acct.client.job.add({ id: "counted", poolInfo: { poolId: "outcomes" } });
    await acct.client.task.add("counted", { id: "ok", commandLine: "/bin/true" });
    await completed("counted", "ok");
    await failure(acct.client.task.reactivate("counted", "ok"));
    expect((await acct.client.job.getTaskCounts("counted")).taskCounts).toEqual({
      active: 0,
      running: 0,
      completed: 1,
      succeeded: 1,
      failed: 0,
    });
    await acct.client.task.terminate("constraints", "busy");
    expect((await completed("constraints", "busy")).executionInfo?.failureInfo?.code).toBe("TaskEnded");
  });
});

describe("job outcomes", () => {
  it("terminates a job at its maxWallClockTime (MaxWallClockTimeExpiry), ending its tasks", async () => {
    await acct.client.job.add({
      id: "deadline",
      poolInfo: { poolId: "outcomes" },
      constraints: { maxWallClockTime: "PT2S" },
    });
    await acct.client.task.add("deadline", { id: "endless", commandLine: "/bin/sh -c 'sleep 60'" });
    const job = await jobIn("deadline", "completed");
    expect(job.executionInfo?.terminateReason).toBe("MaxWallClockTimeExpiry");
    expect((await task("deadline", "endless")).executionInfo?.failureInfo?.code).toBe("TaskEnded");
  });

  it("takes the jobAction of the matching exit condition when onTaskFailure says so", async () => {
    const failing = (id: string, exitCode: number, exitConditions: BatchServiceModels.ExitConditions) => ({
      id,
      commandLine: `/bin/sh -c 'exit ${exitCode}'`,
      exitConditions,
    });
    for (const id of ["fail-none", "fail-terminate", "fail-disable", "fail-default"])
      await acct.client.job.add({
        id,
        poolInfo: { poolId: "outcomes" },
        onTaskFailure: "performexitoptionsjobaction",
      });
    await acct.client.task.add(
      "fail-none",
      failing("t", 3, { exitCodes: [{ code: 3, exitOptions: { jobAction: "none" } }] }),
    );
    await acct.client.task.add(
      "fail-terminate",
      failing("t", 12, { exitCodeRanges: [{ start: 10, end: 19, exitOptions: { jobAction: "terminate" } }] }),
    );
    await acct.client.task.add("fail-disable", failing("t", 1, { default: { jobAction: "disable" } }));
    // No exit conditions: a non-zero exit code's jobAction defaults to terminate.
    await acct.client.task.add("fail-default", { id: "t", commandLine: "/bin/sh -c 'exit 1'" });
    const terminated = await jobIn("fail-terminate", "completed");
    expect(terminated.executionInfo?.terminateReason).toBe("TaskFailed");
    await jobIn("fail-disable", "disabled");
    expect((await jobIn("fail-default", "completed")).executionInfo?.terminateReason).toBe("TaskFailed");
    await completed("fail-none", "t");
    expect((await acct.client.job.get("fail-none")).state).toBe("active");
  });

  it("ignores exit conditions under onTaskFailure=noaction and refuses a jobAction there", async () => {
    await acct.client.job.add({ id: "quiet", poolInfo: { poolId: "outcomes" } });
    const refused = await failure(
      acct.client.task.add("quiet", {
        id: "t",
        commandLine: "/bin/true",
        exitConditions: { default: { jobAction: "terminate" } },
      }),
    );
    expect(refused).toMatchObject({ statusCode: 400, code: "InvalidPropertyValue" });
    expect(refused.body?.values?.find((v) => v.key === "PropertyName")?.value).toBe("jobAction");
    await acct.client.task.add("quiet", { id: "t", commandLine: "/bin/sh -c 'exit 2'" });
    await completed("quiet", "t");
    expect((await acct.client.job.get("quiet")).state).toBe("active");
  });
});

describe("task dependencies", () => {
  it("refuses dependsOn on a job without usesTaskDependencies", async () => {
    await acct.client.job.add({ id: "nodeps", poolInfo: { poolId: "outcomes" } });
    expect(
      await failure(
        acct.client.task.add("nodeps", { id: "b", commandLine: "/bin/true", dependsOn: { taskIds: ["a"] } }),
      ),
    ).toMatchObject({ statusCode: 400, code: "TaskDependenciesNotSpecifiedOnJob" });
  });

  it("runs dependents after their dependencies succeed and blocks them behind a failure", async () => {
    await acct.client.job.add({ id: "deps", poolInfo: { poolId: "outcomes" }, usesTaskDependencies: true });
    // Named dependencies go first, so they wait for tasks that do not exist yet; a range selects
    // the tasks that exist, so its tasks come with it.
    await acct.client.task.addCollection("deps", [
      { id: "after-ok", commandLine: "/bin/true", dependsOn: { taskIds: ["ok"] } },
      { id: "after-bad", commandLine: "/bin/true", dependsOn: { taskIds: ["ok", "bad"] } },
      { id: "after-forgiven", commandLine: "/bin/true", dependsOn: { taskIds: ["forgiven"] } },
      { id: "after-range", commandLine: "/bin/true", dependsOn: { taskIdRanges: [{ start: 1, end: 3 }] } },
      { id: "1", commandLine: "/bin/true" },
      { id: "3", commandLine: "/bin/sh -c 'sleep 1'" },
    ]);
    await sleep(300);
    expect((await task("deps", "after-ok")).state).toBe("active");
    await acct.client.task.addCollection("deps", [
      { id: "ok", commandLine: "/bin/sh -c 'sleep 1'" },
      { id: "bad", commandLine: "/bin/sh -c 'exit 1'" },
      {
        id: "forgiven",
        commandLine: "/bin/sh -c 'exit 7'",
        exitConditions: { exitCodes: [{ code: 7, exitOptions: { dependencyAction: "satisfy" } }] },
      },
    ]);
    const ok = await completed("deps", "ok");
    const afterOk = await completed("deps", "after-ok");
    expect(afterOk.executionInfo?.startTime?.getTime()).toBeGreaterThanOrEqual(
      ok.executionInfo?.endTime?.getTime() ?? Infinity,
    );
    expect((await completed("deps", "after-forgiven")).executionInfo?.result).toBe("success");
    const afterRange = await completed("deps", "after-range");
    const three = await task("deps", "3");
    expect(afterRange.executionInfo?.startTime?.getTime()).toBeGreaterThanOrEqual(
      three.executionInfo?.endTime?.getTime() ?? Infinity,
    );
    await completed("deps", "bad");
    await sleep(300);
    const states = Object.fromEntries(
      (await acct.client.task.list("deps")).map((t) => [t.id, t.state] as const),
    );
    expect(states).toMatchObject({ "after-bad": "active", bad: "completed", "after-ok": "completed" });
    expect((await task("deps", "after-bad")).dependsOn).toEqual({ taskIds: ["ok", "bad"] });
    const counts = await acct.client.job.getTaskCounts("deps");
    expect(counts.taskCounts).toMatchObject({ active: 1, running: 0 });
  });

  it("reactivating a blocked dependency lets its dependents run once it succeeds", async () => {
    await acct.client.job.add({ id: "redo", poolInfo: { poolId: "outcomes" }, usesTaskDependencies: true });
    await acct.client.task.addCollection("redo", [
      // Fails on its first run only (the flag lives outside the node, as it may run on either).
      {
        id: "flaky",
        commandLine: `/bin/sh -c 'test -f ${acct.dir}/flag || { touch ${acct.dir}/flag; exit 1; }'`,
      },
      { id: "next", commandLine: "/bin/true", dependsOn: { taskIds: ["flaky"] } },
    ]);
    expect((await completed("redo", "flaky")).executionInfo?.result).toBe("failure");
    expect((await task("redo", "next")).state).toBe("active");
    await acct.client.task.reactivate("redo", "flaky");
    expect((await completed("redo", "next")).executionInfo?.result).toBe("success");
  });
});
