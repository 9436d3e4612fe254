import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiUrl,
  JobScheduleSpec,
  JobScheduleSummary,
  type JobScheduleSpecInput,
  type JobSummary,
  type ValidationResponse,
} from "@batch-studio/shared";
import { oneNodePool, operatorApi, until, type JsonCall, type OperatorApi } from "../testing/api-fixtures";
import { startLocalStack, type LocalStack } from "../testing/local-stack";

/*
 * The job schedule routes against the real local stack (emulator identity, ARM and the Batch data
 * plane through @azure/batch): create, read, patch, disable/enable, the jobs it created, terminate,
 * delete; and what they refuse (shared rules → 400 with field paths, unknown ids → 404).
 */
describe("job schedule routes", () => {
  let stack: LocalStack;
  let account: string;
  let call: OperatorApi["call"];
  let json: JsonCall;
  const stamp = Date.now();
  const pool = `sched-pool-${stamp}`;
  const send = (method: string, url: string, body?: unknown) =>
    call(url, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const issuePaths = async (res: Response) => {
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { issues: { path: (string | number)[] }[] };
    return problem.issues.map((i) => i.path.join("."));
  };
  const schedule = (id: string, over: Partial<JobScheduleSpecInput> = {}): JobScheduleSpecInput => ({
    id,
    displayName: "Nightly report",
    // No recurrence and no doNotRunUntil: Batch creates the one job at once.
    schedule: { doNotRunUntil: "2020-01-01T00:00:00.000Z", startWindow: "P3650D" },
    jobSpecification: { poolId: pool, priority: 10, env: [{ name: "MODE", value: "nightly" }] },
    metadata: [{ name: "owner", value: "ops" }],
    ...over,
  });
  const summary = async (id: string) =>
    JobScheduleSummary.parse(await json(apiUrl("jobSchedule", { account, jobSchedule: id })));

  beforeAll(async () => {
    stack = await startLocalStack({ runtime: "process" });
    const api = operatorApi(stack.bffUrl, await stack.signIn());
    ({ call, json } = api);
    account = await api.firstAccount();
    // A container pool, so the job rules have a pool to check the job manager against.
    await json(apiUrl("pools", { account }), { method: "POST", body: JSON.stringify(oneNodePool(pool)) });
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  it("creates a schedule, lists and reads it, gives its spec back, and lists the job it created", async () => {
    const id = `sched-${stamp}`;
    const res = await send("POST", apiUrl("createJobSchedule", { account }), schedule(id));
    expect(res.status).toBe(201);
    const created = JobScheduleSummary.parse(await res.json());
    expect(created).toMatchObject({ id, displayName: "Nightly report", state: "active", poolId: pool });
    expect(created.schedule).toEqual({ doNotRunUntil: "2020-01-01T00:00:00.000Z", startWindow: "P3650D" });

    const list = await json<{ items: JobScheduleSummary[] }>(apiUrl("jobSchedules", { account }));
    expect(list.items.map((s) => s.id)).toContain(id);

    const { spec } = await json<{ spec: unknown }>(apiUrl("jobScheduleSpec", { account, jobSchedule: id }));
    expect(spec).toEqual(JobScheduleSpec.parse(schedule(id)));

    const jobs = await until("the schedule's first job", async () => {
      const { items } = await json<{ items: JobSummary[] }>(
        apiUrl("jobScheduleJobs", { account, jobSchedule: id }),
      );
      return items.length > 0 ? items : undefined;
    });
    expect(jobs.map((j) => j.id)).toEqual([`${id}:job-1`]);
    // The job routes take a scheduled job's id (<schedule>:job-<n>).
    const job = await json<JobSummary>(apiUrl("job", { account, job: `${id}:job-1` }));
    expect(job).toMatchObject({ poolId: pool, priority: 10 });
    expect((await summary(id)).recentJobId).toBe(`${id}:job-1`);
  });

  it("patches the schedule and the job specification, checking the whole it becomes", async () => {
    const id = `patch-${stamp}`;
    await json(apiUrl("createJobSchedule", { account }), {
      method: "POST",
      body: JSON.stringify(schedule(id, { schedule: { doNotRunUntil: "2099-01-01T00:00:00Z" } })),
    });
    const url = apiUrl("updateJobSchedule", { account, jobSchedule: id });

    const res = await send("PATCH", url, {
      schedule: { doNotRunUntil: "2099-01-01T00:00:00Z", recurrenceInterval: "PT2H" },
    });
    expect(res.status).toBe(200);
    expect(JobScheduleSummary.parse(await res.json()).schedule).toEqual({
      doNotRunUntil: "2099-01-01T00:00:00.000Z",
      recurrenceInterval: "PT2H",
    });
    await json(url, {
      method: "PATCH",
      body: JSON.stringify({ jobSpecification: { poolId: pool, priority: 99 } }),
    });
    const { spec } = await json<{ spec: JobScheduleSpec }>(
      apiUrl("jobScheduleSpec", { account, jobSchedule: id }),
    );
    expect(spec.jobSpecification.priority).toBe(99);
    expect(spec.schedule.recurrenceInterval).toBe("PT2H");

    expect(await issuePaths(await send("PATCH", url, { schedule: { recurrenceInterval: "PT10S" } }))).toEqual(
      ["schedule.recurrenceInterval"],
    );
    expect(
      await issuePaths(
        await send("PATCH", url, {
          schedule: { doNotRunUntil: "2099-01-01T00:00:00Z", doNotRunAfter: "2098-01-01T00:00:00Z" },
        }),
      ),
    ).toEqual(["schedule.doNotRunAfter"]);
    expect(await issuePaths(await send("PATCH", url, {}))).toEqual([""]);
    // Nothing of the refused patches landed.
    expect((await summary(id)).schedule.recurrenceInterval).toBe("PT2H");
  });

  it("disables, enables, terminates and deletes a schedule", async () => {
    const id = `life-${stamp}`;
    await json(apiUrl("createJobSchedule", { account }), {
      method: "POST",
      body: JSON.stringify(schedule(id, { schedule: { doNotRunUntil: "2099-01-01T00:00:00Z" } })),
    });
    const params = { account, jobSchedule: id };
    expect((await send("POST", apiUrl("disableJobSchedule", params))).status).toBe(204);
    expect((await summary(id)).state).toBe("disabled");
    expect((await send("POST", apiUrl("enableJobSchedule", params))).status).toBe(204);
    expect((await summary(id)).state).toBe("active");
    expect((await send("POST", apiUrl("terminateJobSchedule", params))).status).toBe(202);
    await until("the schedule to complete", async () =>
      (await summary(id)).state === "completed" ? true : undefined,
    );
    expect((await send("DELETE", apiUrl("deleteJobSchedule", params))).status).toBe(202);
    await until("the schedule to be gone", async () =>
      (await call(apiUrl("jobSchedule", params))).status === 404 ? true : undefined,
    );
  });

  it("refuses a schedule the rules or the schema reject with 400 and every field path", async () => {
    const id = `bad-${stamp}`;
    const res = await send(
      "POST",
      apiUrl("createJobSchedule", { account }),
      schedule(id, {
        schedule: { recurrenceInterval: "PT30S", startWindow: "PT1M" },
        jobSpecification: { poolId: pool, jobReleaseTask: { commandLine: "/bin/true" } },
      }),
    );
    expect(await issuePaths(res)).toEqual(["schedule.recurrenceInterval", "jobSpecification.jobReleaseTask"]);
    const schemaRes = await send("POST", apiUrl("createJobSchedule", { account }), {
      id: "bad id",
      schedule: { doNotRunUntil: "tomorrow" },
      jobSpecification: {},
    });
    expect(await issuePaths(schemaRes)).toEqual(
      expect.arrayContaining(["id", "schedule.doNotRunUntil", "jobSpecification.poolId"]),
    );
    expect((await call(apiUrl("jobSchedule", { account, jobSchedule: id }))).status).toBe(404);
  });

  it("validates live: a job manager on a container pool needs container settings", async () => {
    const body = schedule(`live-${stamp}`, {
      jobSpecification: { poolId: pool, jobManagerTask: { id: "manager", commandLine: "run" } },
    });
    const answer = await json<ValidationResponse>(apiUrl("validateJobSchedule", { account }), {
      method: "POST",
      body: JSON.stringify(body),
    });
    expect(answer.ok).toBe(false);
    expect(answer.issues.map((i) => i.path.join("."))).toEqual([
      "jobSpecification.jobManagerTask.containerSettings",
    ]);
  });

  it("answers 404 for a schedule that does not exist, on every route that names one", async () => {
    const params = { account, jobSchedule: `missing-${stamp}` };
    for (const [method, url] of [
      ["GET", apiUrl("jobSchedule", params)],
      ["GET", apiUrl("jobScheduleSpec", params)],
      ["GET", apiUrl("jobScheduleJobs", params)],
      ["POST", apiUrl("disableJobSchedule", params)],
      ["POST", apiUrl("terminateJobSchedule", params)],
      ["DELETE", apiUrl("deleteJobSchedule", params)],
    ] as const)
      expect((await send(method, url)).status, `${method} ${url}`).toBe(404);
    expect((await send("PATCH", apiUrl("updateJobSchedule", params), { schedule: {} })).status).toBe(404);
  });
});
