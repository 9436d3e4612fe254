/**
 * Job schedules through the real @azure/batch 10.2.0 client with the process runtime: jobs
 * created on time (one schedule minute lasts 100 ms here), one open job at a time, disable and
 * enable, terminate, delete with its jobs, exists, errors, a restart, and Debian's Python SDK.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import type { BatchServiceModels } from "@azure/batch";
import { exportJobSchedulePython, JobScheduleSpec } from "@batch-studio/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  failure,
  PLAIN_VM,
  startTestAccount,
  TEST_ACCOUNT,
  TEST_KEY,
  waitFor,
  type TestAccount,
} from "./testing/account-harness";

const MINUTE_MS = 100;
let acct: TestAccount;
beforeAll(async () => {
  acct = await startTestAccount({
    timeScale: { nodeAllocateMs: 20, nodeBootMs: 20, stepMs: 20, scheduleMinuteMs: MINUTE_MS },
  });
  await acct.client.pool.add({
    id: "sched-pool",
    vmSize: "standard_d2s_v3",
    virtualMachineConfiguration: PLAIN_VM,
    targetDedicatedNodes: 1,
  });
});
afterAll(async () => {
  await acct?.dispose();
});

const jobSpecification = (extra: Partial<BatchServiceModels.JobSpecification> = {}) => ({
  poolInfo: { poolId: "sched-pool" },
  ...extra,
});
const schedule = (id: string) => acct.client.jobSchedule.get(id);
const jobIdsOf = async (id: string) => (await acct.client.job.listFromJobSchedule(id)).map((j) => j.id);
const recentJobIs = (id: string, jobId: string) =>
  waitFor(
    () => schedule(id),
    (s) => s.executionInfo?.recentJob?.id === jobId,
    10_000,
    `${jobId} created`,
  );
/** Let `n` recurrences pass on the emulator's clock. */
const recurrences = (n: number) => new Promise((r) => setTimeout(r, n * MINUTE_MS + 50));

describe("job schedules", () => {
  it("creates a job per recurrence with the schedule's job specification, never two open at once", async () => {
    await acct.client.jobSchedule.add({
      id: "nightly",
      displayName: "Nightly run",
      schedule: { recurrenceInterval: "PT1M" },
      jobSpecification: jobSpecification({
        priority: 5,
        onAllTasksComplete: "terminatejob",
        constraints: { maxTaskRetryCount: 2 },
        commonEnvironmentSettings: [{ name: "RUN", value: "nightly" }],
      }),
      metadata: [{ name: "owner", value: "ops" }],
    });
    const first = await recentJobIs("nightly", "nightly:job-1");
    expect(first).toMatchObject({
      id: "nightly",
      displayName: "Nightly run",
      state: "active",
      schedule: { recurrenceInterval: "PT1M" },
      jobSpecification: {
        priority: 5,
        poolInfo: { poolId: "sched-pool" },
        onAllTasksComplete: "terminatejob",
      },
      metadata: [{ name: "owner", value: "ops" }],
    });
    expect(first.executionInfo?.nextRunTime).toBeInstanceOf(Date);
    const job1 = await acct.client.job.get("nightly:job-1");
    expect(job1).toMatchObject({
      state: "active",
      priority: 5,
      poolInfo: { poolId: "sched-pool" },
      constraints: { maxTaskRetryCount: 2 },
      commonEnvironmentSettings: [{ name: "RUN", value: "nightly" }],
    });

    // Job 1 stays open across several recurrences: no second job meanwhile.
    await recurrences(3);
    expect(await jobIdsOf("nightly")).toEqual(["nightly:job-1"]);

    // It completes (its one task ends, onAllTasksComplete), and the due job follows.
    await acct.client.task.add("nightly:job-1", { id: "t1", commandLine: "/bin/true" });
    const done = await waitFor(
      () => acct.client.job.get("nightly:job-1"),
      (j) => j.state === "completed",
      10_000,
      "job 1 completed",
    );
    await recentJobIs("nightly", "nightly:job-2");
    const job2 = await acct.client.job.get("nightly:job-2");
    expect(job2.creationTime!.getTime()).toBeGreaterThanOrEqual(done.executionInfo!.endTime!.getTime());
    expect(job2.priority).toBe(5);
    expect(await jobIdsOf("nightly")).toEqual(["nightly:job-1", "nightly:job-2"]);

    // The schedule's job list takes $filter and $select like the other lists.
    const active = await acct.client.job.listFromJobSchedule("nightly", {
      jobListFromJobScheduleOptions: { filter: "state eq 'active'", select: "id,state" },
    });
    expect(active.map((j) => [j.id, j.state, j.priority])).toEqual([["nightly:job-2", "active", undefined]]);
    const listed = await acct.client.jobSchedule.list({
      jobScheduleListOptions: { filter: "id eq 'nightly'", select: "id,state,executionInfo" },
    });
    expect(listed.map((s) => [s.id, s.state, s.executionInfo?.recentJob?.id])).toEqual([
      ["nightly", "active", "nightly:job-2"],
    ]);
    const withStats = await acct.client.jobSchedule.get("nightly", {
      jobScheduleGetOptions: { expand: "stats" },
    });
    expect(withStats.stats).toMatchObject({ numSucceededTasks: 1, numFailedTasks: 0 });
  });

  it("creates no job while disabled, and catches up on enable; update and patch apply to later jobs", async () => {
    await acct.client.jobSchedule.add({
      id: "paused",
      schedule: { recurrenceInterval: "PT1M" },
      jobSpecification: jobSpecification(),
    });
    await recentJobIs("paused", "paused:job-1");
    const disabled = await acct.client.jobSchedule.disable("paused");
    expect(disabled._response.status).toBe(204);
    expect((await schedule("paused")).state).toBe("disabled");
    await acct.client.job.terminate("paused:job-1");
    await waitFor(
      () => acct.client.job.get("paused:job-1"),
      (j) => j.state === "completed",
      10_000,
      "job 1 terminated",
    );
    await recurrences(3);
    expect(await jobIdsOf("paused")).toEqual(["paused:job-1"]);

    await acct.client.jobSchedule.patch("paused", { metadata: [{ name: "k", value: "v" }] });
    await acct.client.jobSchedule.update("paused", {
      schedule: { recurrenceInterval: "PT1M" },
      jobSpecification: jobSpecification({ priority: 100 }),
    });
    const updated = await schedule("paused");
    expect(updated.metadata).toEqual([]);
    expect(updated.jobSpecification?.priority).toBe(100);

    expect((await acct.client.jobSchedule.enable("paused"))._response.status).toBe(204);
    await recentJobIs("paused", "paused:job-2");
    expect((await acct.client.job.get("paused:job-2")).priority).toBe(100);
    expect((await acct.client.job.get("paused:job-1")).priority).toBe(0);
  });

  it("terminates the open job with the schedule, then takes no more changes", async () => {
    await acct.client.jobSchedule.add({
      id: "stopme",
      schedule: { recurrenceInterval: "PT1M" },
      jobSpecification: jobSpecification(),
    });
    await recentJobIs("stopme", "stopme:job-1");
    await acct.client.task.add("stopme:job-1", { id: "sleeper", commandLine: "/bin/sleep 30" });
    const terminated = await acct.client.jobSchedule.terminate("stopme");
    expect(terminated._response.status).toBe(202);
    const done = await waitFor(
      () => schedule("stopme"),
      (s) => s.state === "completed",
      10_000,
      "schedule completed",
    );
    expect(done.previousState).toBe("terminating");
    expect(done.executionInfo?.endTime).toBeInstanceOf(Date);
    expect(done.executionInfo?.nextRunTime).toBeUndefined();
    expect(await acct.client.job.get("stopme:job-1")).toMatchObject({
      state: "completed",
      executionInfo: { terminateReason: "UserTerminate" },
    });
    expect((await acct.client.task.get("stopme:job-1", "sleeper")).state).toBe("completed");
    expect((await failure(acct.client.jobSchedule.terminate("stopme"))).code).toBe("JobScheduleCompleted");
    expect((await failure(acct.client.jobSchedule.disable("stopme"))).code).toBe("JobScheduleCompleted");
    expect((await failure(acct.client.jobSchedule.patch("stopme", { metadata: [] }))).code).toBe(
      "JobScheduleCompleted",
    );
    await recurrences(2);
    expect(await jobIdsOf("stopme")).toEqual(["stopme:job-1"]);
  });

  it("completes a one-off schedule when its job does, and a recurring one after doNotRunAfter", async () => {
    await acct.client.jobSchedule.add({ id: "once", schedule: {}, jobSpecification: jobSpecification() });
    await recentJobIs("once", "once:job-1");
    await acct.client.job.terminate("once:job-1");
    expect(
      (
        await waitFor(
          () => schedule("once"),
          (s) => s.state === "completed",
          10_000,
          "once completed",
        )
      ).previousState,
    ).toBe("active");

    // Due again one recurrence after job 1, which is past doNotRunAfter: job 1 stays the only one.
    await acct.client.jobSchedule.add({
      id: "bounded",
      schedule: { recurrenceInterval: "PT5M", doNotRunAfter: new Date(Date.now() + 2.5 * MINUTE_MS) },
      jobSpecification: jobSpecification(),
    });
    await recentJobIs("bounded", "bounded:job-1");
    await acct.client.job.terminate("bounded:job-1");
    await waitFor(
      () => schedule("bounded"),
      (s) => s.state === "completed",
      10_000,
      "bounded completed",
    );
    expect(await jobIdsOf("bounded")).toEqual(["bounded:job-1"]);

    // doNotRunUntil in the future: nothing yet, and nextRunTime says when.
    const until = new Date(Date.now() + 60_000);
    await acct.client.jobSchedule.add({
      id: "later",
      schedule: { doNotRunUntil: until },
      jobSpecification: jobSpecification(),
    });
    await recurrences(1);
    const later = await schedule("later");
    expect(later.executionInfo?.nextRunTime?.getTime()).toBe(until.getTime());
    expect(later.executionInfo?.recentJob).toBeUndefined();
  });

  it("deletes a schedule with its jobs and their tasks; exists answers true, then false", async () => {
    await acct.client.jobSchedule.add({
      id: "doomed",
      schedule: { recurrenceInterval: "PT1M" },
      jobSpecification: jobSpecification(),
    });
    await recentJobIs("doomed", "doomed:job-1");
    await acct.client.task.add("doomed:job-1", { id: "t", commandLine: "/bin/sleep 30" });
    expect((await acct.client.jobSchedule.exists("doomed")).body).toBe(true);
    expect((await acct.client.jobSchedule.deleteMethod("doomed"))._response.status).toBe(202);
    await waitFor(
      () => acct.client.jobSchedule.exists("doomed"),
      (e) => !e.body,
      10_000,
      "schedule gone",
    );
    expect((await failure(acct.client.job.get("doomed:job-1"))).code).toBe("JobNotFound");
    expect((await failure(acct.client.jobSchedule.get("doomed"))).code).toBe("JobScheduleNotFound");
    expect((await failure(acct.client.job.listFromJobSchedule("doomed"))).code).toBe("JobScheduleNotFound");
  });

  it("refuses duplicates, shared ids with jobs and bad schedules the way Batch does", async () => {
    const add = (body: Partial<BatchServiceModels.JobScheduleAddParameter>) =>
      failure(
        acct.client.jobSchedule.add({
          id: "bad",
          schedule: {},
          jobSpecification: jobSpecification(),
          ...body,
        } as BatchServiceModels.JobScheduleAddParameter),
      );
    const valueOf = (e: Awaited<ReturnType<typeof add>>, key: string) =>
      e.body?.values?.find((v) => v.key === key)?.value;

    const dup = await add({ id: "nightly" });
    expect([dup.statusCode, dup.code]).toEqual([409, "JobScheduleExists"]);
    await acct.client.job.add({ id: "plainjob", poolInfo: { poolId: "sched-pool" } });
    expect((await add({ id: "plainjob" })).code).toBe("JobWithSameIdExists");
    const jobLikeSchedule = await failure(
      acct.client.job.add({ id: "nightly", poolInfo: { poolId: "sched-pool" } }),
    );
    expect([jobLikeSchedule.statusCode, jobLikeSchedule.code]).toEqual([409, "JobScheduleWithSameIdExists"]);

    const short = await add({ schedule: { recurrenceInterval: "PT30S" } });
    expect([short.statusCode, short.code, valueOf(short, "PropertyName")]).toEqual([
      400,
      "InvalidPropertyValue",
      "recurrenceInterval",
    ]);
    expect((await add({ schedule: { startWindow: "PT10S" } })).code).toBe("InvalidPropertyValue");
    // (The client itself refuses a jobSpecification without poolInfo.)
    const noPool = await add({ jobSpecification: { poolInfo: {} } });
    expect([noPool.code, valueOf(noPool, "PropertyName")]).toEqual(["MissingRequiredProperty", "poolId"]);
    expect(valueOf(noPool, "Reason")).toContain("jobSpecification.poolInfo.poolId");
    // The job's own tasks are checked on the schedule's jobSpecification as on Job_Add.
    const releaseAlone = await add({
      jobSpecification: jobSpecification({ jobReleaseTask: { commandLine: "/bin/true" } }),
    });
    expect([releaseAlone.code, valueOf(releaseAlone, "PropertyName")]).toEqual([
      "InvalidPropertyValue",
      "jobReleaseTask",
    ]);
    expect((await failure(acct.client.jobSchedule.get("nope"))).statusCode).toBe(404);
    expect((await acct.client.jobSchedule.exists("nope")).body).toBe(false);
  });

  it("runs each scheduled job's job manager, and the job ends with it", async () => {
    await acct.client.jobSchedule.add({
      id: "managed",
      schedule: { recurrenceInterval: "PT1M" },
      jobSpecification: jobSpecification({
        jobManagerTask: {
          id: "manager",
          commandLine: "/bin/sh -c 'echo managing'",
          killJobOnCompletion: true,
        },
      }),
    });
    await recentJobIs("managed", "managed:job-1");
    const job = await waitFor(
      () => acct.client.job.get("managed:job-1"),
      (j) => j.state === "completed",
      10_000,
      "job ended by its manager",
    );
    expect(job.executionInfo?.terminateReason).toBe("JMComplete");
    const manager = await acct.client.task.get("managed:job-1", "manager");
    expect([manager.state, manager.executionInfo?.exitCode]).toEqual(["completed", 0]);
    await acct.client.jobSchedule.deleteMethod("managed");
  });

  it("keeps schedules across a restart and carries on numbering their jobs", async () => {
    await acct.client.jobSchedule.add({
      id: "durable",
      schedule: { recurrenceInterval: "PT1M" },
      jobSpecification: jobSpecification({ onAllTasksComplete: "terminatejob" }),
    });
    await recentJobIs("durable", "durable:job-1");
    await acct.restart();
    expect((await schedule("durable")).url).toBe(`${acct.handle.url}/jobschedules/durable`);
    await acct.client.job.terminate("durable:job-1");
    await recentJobIs("durable", "durable:job-2");
    expect(await jobIdsOf("durable")).toEqual(["durable:job-1", "durable:job-2"]);
  });

  const python = "/usr/bin/python3";
  it.skipIf(!existsSync(python))(
    "lists schedules through Debian's Python SDK (azure-batch 13.0.1)",
    async () => {
      const script = [
        "import sys",
        "from azure.batch import BatchServiceClient",
        "from azure.batch.batch_auth import SharedKeyCredentials",
        "client = BatchServiceClient(SharedKeyCredentials(sys.argv[1], sys.argv[2]), batch_url=sys.argv[3])",
        "for s in client.job_schedule.list(): print(s.id, s.state, s.schedule.recurrence_interval)",
      ].join("\n");
      const { stdout } = await promisify(execFile)(python, [
        "-c",
        script,
        TEST_ACCOUNT,
        TEST_KEY,
        acct.handle.url,
      ]);
      expect(stdout).toContain("nightly JobScheduleState.active 0:01:00");
    },
  );

  it.skipIf(!existsSync(python))(
    "the portal's Python export creates the schedule through Debian's SDK",
    async () => {
      const spec = JobScheduleSpec.parse({
        id: "from-python",
        schedule: { recurrenceInterval: "PT1H", doNotRunUntil: "2030-01-01T00:00:00Z" },
        jobSpecification: {
          poolId: "sched-pool",
          jobManagerTask: {
            id: "manager",
            commandLine: "/bin/sh -c 'echo $AZ_BATCH_JOB_ID'",
            containerSettings: {
              imageName: "lab.example/report:1",
              registry: {
                server: "lab.example",
                auth: { kind: "password", username: "u", password: "from-env-1" },
              },
            },
          },
        },
      });
      const exported = exportJobSchedulePython(spec);
      expect(exported).not.toContain("from-env-1");
      const script = [
        "import sys",
        "from azure.batch import BatchServiceClient",
        "from azure.batch.batch_auth import SharedKeyCredentials",
        "client = BatchServiceClient(SharedKeyCredentials(sys.argv[1], sys.argv[2]), batch_url=sys.argv[3])",
        exported,
      ].join("\n");
      await promisify(execFile)(python, ["-c", script, TEST_ACCOUNT, TEST_KEY, acct.handle.url], {
        env: { ...process.env, REGISTRY_PASSWORD_LAB_EXAMPLE: "from-env-1" },
      });
      const created = await schedule("from-python");
      expect(created.schedule?.recurrenceInterval).toBe("PT1H");
      expect(created.schedule?.doNotRunUntil?.toISOString()).toBe("2030-01-01T00:00:00.000Z");
      const manager = created.jobSpecification?.jobManagerTask;
      // The command line's $VAR is not taken for a password placeholder.
      expect(manager?.commandLine).toBe("/bin/sh -c 'echo $AZ_BATCH_JOB_ID'");
      expect(manager?.containerSettings?.registry).toMatchObject({
        registryServer: "lab.example",
        userName: "u",
      });
    },
  );
});
