/**
 * The emulator's own writes and deletes in a node folder a hostile task has changed, through the real
 * @azure/batch 10.2.0 client. A task replaces its stdout.txt and stderr.txt by links to a host file
 * and fails, so its retry would truncate that file when the emulator prepares the next attempt; a
 * task replaces its job's folder, or the node's workitems folder, by a link to a host folder holding
 * a folder of the same name, so deleting a task or the job would delete the host's. The host files
 * must stay as they were, and the retry must get fresh output files of its own. Runs with the process
 * runtime, and with the docker runtime when the container lab is present (skipped without it,
 * failing with REQUIRE_DOCKER=1).
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BatchServiceModels } from "@azure/batch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDockerRuntime } from "../runtime/docker";
import { describeWithLab } from "../runtime/docker/lab-env";
import { createProcessRuntime } from "../runtime/process";
import {
  CONTAINER_IMAGE,
  PLAIN_VM,
  startTestAccount,
  streamText,
  waitFor,
  type TestAccount,
} from "../testing/account-harness";

/** The job whose deletion is attacked; the other tests run in their own job. */
const DOOMED_JOB = "doomedjob";

/** A host folder outside the node: victim.txt, and folders named like the things the tests delete. */
async function makeVictim(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "batch-victim-"));
  await writeFile(join(dir, "victim.txt"), "precious\n");
  for (const sub of ["doomed", DOOMED_JOB]) {
    await mkdir(join(dir, sub));
    await writeFile(join(dir, sub, "keep.txt"), "keep\n");
  }
  return dir;
}

/**
 * The first attempt links both output files to the victim and fails; the retry (the marker in wd
 * survives attempts, as on a Batch node) writes its own output and succeeds.
 */
const relinkOutput = (victim: string) =>
  [
    `if [ -e $AZ_BATCH_TASK_WORKING_DIR/tried ]; then echo retry-out; echo retry-err >&2; exit 0; fi`,
    `touch $AZ_BATCH_TASK_WORKING_DIR/tried`,
    `ln -sf ${victim} $AZ_BATCH_TASK_DIR/stdout.txt`,
    `ln -sf ${victim} $AZ_BATCH_TASK_DIR/stderr.txt`,
    `exit 1`,
  ].join("; ");

interface Setup {
  acct: TestAccount;
  poolId: string;
  jobId: string;
  victimDir: string;
  containerSettings?: BatchServiceModels.TaskContainerSettings;
}

function writeAttacks(setup: () => Setup, timeoutMs: number): void {
  let s: Setup;
  const completed = (id: string) =>
    waitFor(
      () => s.acct.client.task.get(s.jobId, id),
      (t) => t.state === "completed",
      timeoutMs,
      `${id} completed`,
    );
  const add = (
    id: string,
    script: string,
    constraints?: BatchServiceModels.TaskConstraints,
    jobId = s.jobId,
  ) =>
    s.acct.client.task.add(jobId, {
      id,
      commandLine: `/bin/sh -c "${script}"`,
      ...(constraints ? { constraints } : {}),
      ...(s.containerSettings ? { containerSettings: s.containerSettings } : {}),
    });
  const victimFileUnchanged = async () =>
    expect(await readFile(join(s.victimDir, "victim.txt"), "utf8")).toBe("precious\n");
  const victimFoldersUnchanged = async () => {
    expect((await readdir(s.victimDir)).sort()).toEqual(["doomed", DOOMED_JOB, "victim.txt"].sort());
    for (const sub of ["doomed", DOOMED_JOB])
      expect(await readFile(join(s.victimDir, sub, "keep.txt"), "utf8")).toBe("keep\n");
  };

  beforeAll(() => {
    s = setup();
  });

  it("a retry never truncates what the task linked its output files to, and gets fresh ones", async () => {
    await add("relink", relinkOutput(join(s.victimDir, "victim.txt")), { maxTaskRetryCount: 1 });
    const t = await completed("relink");
    expect(t.executionInfo).toMatchObject({ retryCount: 1, exitCode: 0, result: "success" });
    await victimFileUnchanged();
    const { file } = s.acct.client;
    const text = async (name: string) =>
      streamText((await file.getFromTask(s.jobId, "relink", name)).readableStreamBody);
    expect(await text("stdout.txt")).toBe("retry-out\n");
    expect(await text("stderr.txt")).toBe("retry-err\n");
  });

  it("a retry in a task folder the task replaced by a link fails as a server error, writing nothing there", async () => {
    const hijack = `mv $AZ_BATCH_TASK_DIR $AZ_BATCH_TASK_DIR.moved && ln -s ${s.victimDir} $AZ_BATCH_TASK_DIR; exit 1`;
    await add("hijack", hijack, { maxTaskRetryCount: 1 });
    const t = await completed("hijack");
    expect(t.executionInfo).toMatchObject({
      retryCount: 1,
      result: "failure",
      failureInfo: { category: "servererror", message: "The task directory could not be prepared" },
    });
    await victimFileUnchanged();
    await victimFoldersUnchanged();
  });

  it("deleting a task whose job folder a task replaced by a link deletes nothing outside", async () => {
    await add("doomed", "echo doomed");
    await completed("doomed");
    await add(
      "swapper",
      `cd $AZ_BATCH_NODE_ROOT_DIR/workitems/${s.jobId} && mv job-1 job-1.moved && ln -s ${s.victimDir} job-1`,
    );
    expect((await completed("swapper")).executionInfo).toMatchObject({ exitCode: 0 });
    await s.acct.client.task.deleteMethod(s.jobId, "doomed");
    await waitFor(
      () => s.acct.client.task.list(s.jobId),
      (list) => !list.some((t) => t.id === "doomed"),
      timeoutMs,
      "doomed deleted",
    );
    // The folder delete runs after the answer; give it the time it would take.
    await new Promise((r) => setTimeout(r, 200));
    await victimFoldersUnchanged();
  });

  it("deleting a job whose node workitems folder a task replaced by a link deletes nothing outside", async () => {
    const { client } = s.acct;
    await client.job.add({ id: DOOMED_JOB, poolInfo: { poolId: s.poolId } });
    const swap = `cd $AZ_BATCH_NODE_ROOT_DIR && mv workitems workitems.moved && ln -s ${s.victimDir} workitems`;
    await add("swapall", swap, undefined, DOOMED_JOB);
    const swapped = await waitFor(
      () => client.task.get(DOOMED_JOB, "swapall"),
      (t) => t.state === "completed",
      timeoutMs,
      "swapall completed",
    );
    expect(swapped.executionInfo).toMatchObject({ exitCode: 0 });
    await client.job.deleteMethod(DOOMED_JOB);
    await waitFor(
      () => client.job.list(),
      (list) => !list.some((j) => j.id === DOOMED_JOB),
      timeoutMs,
      "job deleted",
    );
    await new Promise((r) => setTimeout(r, 200));
    await victimFoldersUnchanged();
  });
}

describe("emulator writes and deletes in a node a task linked out of, process runtime", () => {
  const jobId = "wj";
  let acct: TestAccount;
  let victimDir: string;
  beforeAll(async () => {
    victimDir = await makeVictim();
    acct = await startTestAccount();
    await acct.client.pool.add({
      id: "writes",
      vmSize: "standard_d2s_v3",
      virtualMachineConfiguration: PLAIN_VM,
      targetDedicatedNodes: 1,
    });
    await acct.client.job.add({ id: jobId, poolInfo: { poolId: "writes" } });
  });
  afterAll(async () => {
    await acct?.dispose();
    await rm(victimDir, { recursive: true, force: true });
  });
  writeAttacks(() => ({ acct, poolId: "writes", jobId, victimDir }), 30_000);
});

describeWithLab("emulator writes and deletes in a node a task linked out of, docker runtime", (lab) => {
  const jobId = "wj";
  let acct: TestAccount;
  let victimDir: string;
  beforeAll(async () => {
    victimDir = await makeVictim();
    acct = await startTestAccount();
    await acct.restart({
      runtime: createDockerRuntime({
        hostRuntime: createProcessRuntime({ stateDir: join(acct.dir, "host-runtime") }),
      }),
    });
    const { registry, user, password, imagePlain } = lab();
    await acct.client.pool.add({
      id: "writes",
      vmSize: "standard_d2s_v3",
      virtualMachineConfiguration: {
        ...CONTAINER_IMAGE,
        containerConfiguration: {
          containerImageNames: [imagePlain],
          containerRegistries: [{ registryServer: registry, userName: user, password }],
        },
      },
      targetDedicatedNodes: 1,
    });
    await acct.client.job.add({ id: jobId, poolInfo: { poolId: "writes" } });
  }, 60_000);
  afterAll(async () => {
    await acct?.dispose();
    await rm(victimDir, { recursive: true, force: true });
  }, 60_000);
  writeAttacks(
    () => ({
      acct,
      poolId: "writes",
      jobId,
      victimDir,
      containerSettings: { imageName: lab().imagePlain, containerRunOptions: "--rm" },
    }),
    150_000,
  );
});
