import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiUrl,
  JobNodeTaskStatus,
  listOf,
  type JobSummary,
  type NodeSummary,
  type ProblemDetails,
  type TaskDetails,
} from "@batch-studio/shared";
import { oneNodePool, operatorApi, until, type JsonCall, type OperatorApi } from "../testing/api-fixtures";
import { startLocalStack, type LocalStack } from "../testing/local-stack";

/*
 * Job disable/enable, task reactivate and the preparation/release status against the real local
 * stack (emulator identity, ARM and Batch through @azure/batch; tasks as host processes).
 */
describe("job and task actions", () => {
  let stack: LocalStack;
  let account: string;
  let call: OperatorApi["call"];
  let json: JsonCall;
  const stamp = Date.now();
  const pool = `act-pool-${stamp}`;

  const post = (path: string, body?: unknown) =>
    call(path, { method: "POST", ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const task = (job: string, id: string) => json<TaskDetails>(apiUrl("task", { account, job, task: id }));
  const jobState = async (job: string) => (await json<JobSummary>(apiUrl("job", { account, job }))).state;
  const addJob = (body: object) =>
    json(apiUrl("createJob", { account }), {
      method: "POST",
      body: JSON.stringify({ poolId: pool, ...body }),
    });
  const addTask = (job: string, id: string, commandLine: string) =>
    json(apiUrl("addTask", { account, job }), {
      method: "POST",
      body: JSON.stringify({ id, commandLine, containerSettings: { imageName: "busybox:latest" } }),
    });
  const completed = (job: string, id: string) =>
    until(`task ${id} to complete`, async () => {
      const t = await task(job, id);
      return t.state === "completed" ? t : undefined;
    });

  beforeAll(async () => {
    stack = await startLocalStack({ runtime: "process" });
    const api = operatorApi(stack.bffUrl, await stack.signIn());
    ({ call, json } = api);
    account = await api.firstAccount();
    await json(apiUrl("createPool", { account }), {
      method: "POST",
      body: JSON.stringify(oneNodePool(pool)),
    });
    await until("an idle node", async () => {
      const list = await json<{ items: NodeSummary[] }>(apiUrl("nodes", { account, pool }));
      return list.items.length > 0 && list.items.every((n) => n.state === "idle") ? true : undefined;
    });
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  it("gives a task back as a spec to add it again, and 404 for a task that does not exist", async () => {
    const job = `spec-job-${stamp}`;
    await addJob({ id: job });
    await addTask(job, "t", "/bin/sh -c 'exit 0'");
    const { spec } = await json<{ spec: { id: string; commandLine: string; containerSettings?: { imageName: string } } }>(apiUrl("taskSpec", { account, job, task: "t" }));
    expect(spec).toMatchObject({ id: "t", commandLine: "/bin/sh -c 'exit 0'", containerSettings: { imageName: "busybox:latest" } });
    expect((await call(apiUrl("taskSpec", { account, job, task: "nope" }))).status).toBe(404);
  });

  it("adds tasks 100 at a time through Batch's task collection, each with its outcome; the rules judge every task", async () => {
    const job = `many-job-${stamp}`;
    await addJob({ id: job });
    await addTask(job, "dup", "/bin/true");
    const task = (id: string) => ({ id, commandLine: "/bin/true", containerSettings: { imageName: "busybox:latest" } });
    const res = await post(apiUrl("addTasks", { account, job }), { tasks: [task("a"), task("dup"), task("b")] });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: { id: string; status: string; error?: { code?: string } }[] };
    expect(results.map((r) => [r.id, r.status, r.error?.code])).toEqual([
      ["a", "success", undefined],
      ["dup", "clientError", "TaskExists"],
      ["b", "success", undefined],
    ]);
    // A task without container settings on this container pool: refused before Batch, at its index.
    const bad = await post(apiUrl("addTasks", { account, job }), { tasks: [task("c"), { id: "d", commandLine: "/bin/true" }] });
    expect(bad.status).toBe(400);
    const errors = ((await bad.json()) as ProblemDetails).issues?.filter((i) => i.level === "error");
    expect(errors?.map((i) => i.path.join("."))).toEqual(["tasks.1.containerSettings"]);
    const tooMany = await post(apiUrl("addTasks", { account, job }), { tasks: Array.from({ length: 101 }, (_, k) => task(`t${k}`)) });
    expect(tooMany.status).toBe(400);
    expect((await call(apiUrl("task", { account, job, task: "c" }))).status).toBe(404);
  });

  it("a job with task dependencies runs a dependent task only after the task it waits for, and keeps its limits", async () => {
    const job = `deps-job-${stamp}`;
    await addJob({ id: job, usesTaskDependencies: true, constraints: { maxWallClockTime: "P1D" } });
    const created = await json<{ id: string }>(apiUrl("job", { account, job }));
    expect(created.id).toBe(job);
    await addTask(job, "first", "/bin/sh -c 'sleep 1'");
    const res = await post(apiUrl("addTask", { account, job }), { id: "second", commandLine: "/bin/true", containerSettings: { imageName: "busybox:latest" }, dependsOn: { taskIds: ["first"] } });
    expect(res.status).toBe(201);
    // While "first" runs, "second" stays active (blocked), as Batch shows a dependent task.
    expect((await task(job, "second")).state).toBe("active");
    const first = await completed(job, "first");
    const second = await completed(job, "second");
    expect(new Date(second.startTime ?? 0).getTime()).toBeGreaterThanOrEqual(new Date(first.endTime ?? 0).getTime());
    const { spec } = await json<{ spec: { dependsOn?: unknown } }>(apiUrl("taskSpec", { account, job, task: "second" }));
    expect(spec.dependsOn).toEqual({ taskIds: ["first"], taskIdRanges: [] });
  });

  it("refuses a job whose manager has no container settings on a container pool, with the field path, before Batch sees it", async () => {
    const res = await post(apiUrl("createJob", { account }), { id: `jm-${stamp}`, poolId: pool, jobManagerTask: { id: "jm", commandLine: "/bin/true" } });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as ProblemDetails;
    expect(problem.issues?.map((i) => i.path.join("."))).toEqual(["jobManagerTask.containerSettings"]);
    expect((await call(apiUrl("job", { account, job: `jm-${stamp}` }))).status).toBe(404);
  });

  it("disables a job, requeueing its running task, and enables it again", async () => {
    const job = `act-disable-${stamp}`;
    await addJob({ id: job });
    await addTask(job, "sleeper", "/bin/sh -c 'sleep 30'");
    await until("the task to run", async () =>
      (await task(job, "sleeper")).state === "running" ? true : undefined,
    );

    expect((await post(apiUrl("disableJob", { account, job }), { disableTasks: "requeue" })).status).toBe(
      202,
    );
    await until("the job to be disabled", async () =>
      (await jobState(job)) === "disabled" ? true : undefined,
    );
    // Requeued: back in the queue, not completed, and it does not start while the job is disabled.
    expect((await task(job, "sleeper")).state).toBe("active");

    expect((await post(apiUrl("enableJob", { account, job }))).status).toBe(202);
    expect(await jobState(job)).toBe("active");
    await until("the requeued task to run again", async () =>
      (await task(job, "sleeper")).state === "running" ? true : undefined,
    );
    expect((await post(apiUrl("terminateJob", { account, job }), {})).status).toBe(202);
  }, 90_000);

  it("answers 400 naming disableTasks for a missing or unknown option, and Batch's 409 for a job that is not active", async () => {
    const job = `act-bad-${stamp}`;
    await addJob({ id: job });
    for (const body of [{}, { disableTasks: "pause" }]) {
      const res = await post(apiUrl("disableJob", { account, job }), body);
      expect(res.status).toBe(400);
      const problem = (await res.json()) as ProblemDetails;
      expect(problem.issues?.map((i) => i.path)).toEqual([["disableTasks"]]);
      expect(problem.issues?.[0]?.message).toMatch(/requeue, terminate or wait/);
    }
    expect(await jobState(job)).toBe("active");
    // Enabling a job that is not disabled is Batch's conflict, passed on as such.
    expect((await post(apiUrl("enableJob", { account, job }))).status).toBe(409);
  });

  it("reactivates a failed task, which runs again; a task that succeeded cannot be", async () => {
    const job = `act-reactivate-${stamp}`;
    await addJob({ id: job });
    // Fails on its first run, succeeds on the next: the marker file is in the task's shared job directory.
    await addTask(
      job,
      "flaky",
      "/bin/sh -c 'if [ -f $AZ_BATCH_NODE_SHARED_DIR/flaky-" +
        stamp +
        " ]; then exit 0; fi; touch $AZ_BATCH_NODE_SHARED_DIR/flaky-" +
        stamp +
        "; exit 4'",
    );
    await addTask(job, "fine", "/bin/true");
    expect((await completed(job, "flaky")).exitCode).toBe(4);
    expect((await completed(job, "fine")).exitCode).toBe(0);

    expect((await post(apiUrl("reactivateTask", { account, job, task: "flaky" }))).status).toBe(204);
    const rerun = await until("the reactivated task to succeed", async () => {
      const t = await task(job, "flaky");
      return t.state === "completed" && t.exitCode === 0 ? t : undefined;
    });
    expect(rerun.result).toBe("success");

    const refused = await post(apiUrl("reactivateTask", { account, job, task: "fine" }));
    expect(refused.status).toBe(409);
  }, 60_000);

  it("lists per node how the job's preparation and release tasks ran", async () => {
    const job = `act-prep-${stamp}`;
    await addJob({
      id: job,
      jobPreparationTask: { commandLine: "/bin/sh -c 'echo prepared'" },
      jobReleaseTask: { commandLine: "/bin/sh -c 'echo released'" },
    });
    expect(await json<JobSummary>(apiUrl("job", { account, job }))).toMatchObject({
      hasPreparationTask: true,
      hasReleaseTask: true,
    });
    await addTask(job, "work", "/bin/true");
    await completed(job, "work");
    const url = apiUrl("jobNodeTaskStatus", { account, job });
    const before = listOf(JobNodeTaskStatus).parse(await json(url));
    expect(before.items).toHaveLength(1);
    expect(before.items[0]).toMatchObject({
      poolId: pool,
      preparation: { state: "completed", exitCode: 0, result: "success" },
    });
    expect(before.items[0]?.release).toBeUndefined();

    // The release task runs on the job's end.
    expect((await post(apiUrl("terminateJob", { account, job }), {})).status).toBe(202);
    const after = await until("the release task to complete", async () => {
      const s = listOf(JobNodeTaskStatus).parse(await json(url)).items[0];
      return s?.release?.state === "completed" ? s : undefined;
    });
    expect(after.release).toMatchObject({ exitCode: 0, result: "success" });

    // A job without either task: Batch's conflict, passed on.
    const plain = `act-plain-${stamp}`;
    await addJob({ id: plain });
    expect(
      (await json<JobSummary>(apiUrl("job", { account, job: plain }))).hasPreparationTask,
    ).toBeUndefined();
    expect((await call(apiUrl("jobNodeTaskStatus", { account, job: plain }))).status).toBe(409);
  }, 60_000);

  it("edits a job with If-Match: the change lands, an edit from an old version is refused with 412, a pool change waits for disable", async () => {
    const job = `edit-job-${stamp}`;
    await addJob({ id: job, priority: 1, metadata: [{ name: "team", value: "render" }] });
    const specUrl = apiUrl("jobSpec", { account, job });
    const first = await json<{ spec: { priority: number; metadata: unknown[] }; eTag: string; state: string }>(specUrl);
    expect(first).toMatchObject({ spec: { priority: 1, metadata: [{ name: "team", value: "render" }] }, state: "active" });
    const patch = (body: object) =>
      call(apiUrl("updateJob", { account, job }), { method: "PATCH", body: JSON.stringify(body) });

    const saved = await patch({ eTag: first.eTag, priority: 500, maxParallelTasks: 2, constraints: { maxTaskRetryCount: 3 } });
    expect(saved.status).toBe(200);
    expect((await saved.json()) as JobSummary).toMatchObject({ id: job, priority: 500 });
    const second = await json<{ spec: { priority: number; maxParallelTasks: number; constraints: unknown; metadata: unknown[] }; eTag: string }>(specUrl);
    expect(second.spec).toMatchObject({ priority: 500, maxParallelTasks: 2, constraints: { maxTaskRetryCount: 3 }, metadata: [{ name: "team", value: "render" }] });
    expect(second.eTag).not.toBe(first.eTag);

    // Someone else's change came in between: the old version's edit is refused, with a message that says so.
    const stale = await patch({ eTag: first.eTag, priority: 2 });
    expect(stale.status).toBe(412);
    expect(((await stale.json()) as ProblemDetails).title).toMatch(/changed by someone else/);

    // Bad input names the field; an empty change is refused.
    const bad = await patch({ eTag: second.eTag, priority: 5000 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("priority");
    expect((await patch({ eTag: second.eTag })).status).toBe(400);

    // Batch moves a job to another pool only while it is disabled.
    expect((await patch({ eTag: second.eTag, poolId: `other-${stamp}` })).status).toBe(409);
  }, 60_000);
});
