/**
 * Restart safety: whatever the emulator acknowledged survives a restart on the same data folder,
 * including a kill -9 of a real emulator process; tasks that were running are requeued (as after
 * a node reboot) and complete.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import {
  PLAIN_VM,
  sharedKeyClient,
  startTestAccount,
  streamText,
  waitFor,
  type TestAccount,
} from "./testing/account-harness";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const FIXTURE = fileURLToPath(new URL("./testing/account-process.fixture.ts", import.meta.url));
// `node --import tsx/loader` keeps the emulator in this one process (the tsx CLI would fork a
// second one, and SIGKILL would then hit the wrong process).
const TSX_LOADER = pathToFileURL(
  join(dirname(createRequire(import.meta.url).resolve("tsx/cli")), "loader.mjs"),
).href;

/** Start the fixture process and resolve with its URL. */
function spawnAccount(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", TSX_LOADER, FIXTURE], {
    env: { ...process.env, BATCH_FIXTURE_DIR: dir },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`emulator process did not start: ${out}`)), 30_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /READY (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    });
    child.once("exit", (code) => reject(new Error(`emulator process exited early (${code}): ${out}`)));
  });
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });

describe("restart safety", () => {
  it("keeps everything after a close and requeues the task that was running", async () => {
    const acct: TestAccount = await startTestAccount();
    cleanups.push(() => acct.dispose());
    const c = () => acct.client;
    await c().pool.add({
      id: "p",
      vmSize: "x",
      virtualMachineConfiguration: PLAIN_VM,
      targetDedicatedNodes: 1,
    });
    await c().job.add({ id: "j", poolInfo: { poolId: "p" }, onAllTasksComplete: "terminatejob" });
    await c().task.add("j", {
      id: "long",
      commandLine: `/bin/sh -c "sleep 3; echo finished > $AZ_BATCH_TASK_WORKING_DIR/out.txt"`,
    });
    await waitFor(
      () => c().task.get("j", "long"),
      (t) => t.state === "running",
      10_000,
      "running",
    );
    await acct.restart();
    expect((await c().pool.get("p")).id).toBe("p");
    const t = await waitFor(
      () => c().task.get("j", "long"),
      (x) => x.state === "completed",
      15_000,
      "completed after restart",
    );
    expect(t.executionInfo).toMatchObject({ requeueCount: 1, result: "success", exitCode: 0 });
    expect(await streamText((await c().file.getFromTask("j", "long", "wd/out.txt")).readableStreamBody)).toBe(
      "finished\n",
    );
    await waitFor(
      () => c().job.get("j"),
      (j) => j.state === "completed",
      10_000,
      "job completed",
    );
  }, 30_000);

  it("loses nothing acknowledged when the emulator process is killed with SIGKILL", async () => {
    const dir = await mkdtemp(join(tmpdir(), "batch-kill-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const first = await spawnAccount(dir);
    cleanups.push(() => killed(first.child));
    const client = sharedKeyClient(first.url);
    await client.pool.add({
      id: "kp",
      vmSize: "x",
      virtualMachineConfiguration: PLAIN_VM,
      targetDedicatedNodes: 1,
      taskSlotsPerNode: 2,
    });
    await client.job.add({ id: "kj", poolInfo: { poolId: "kp" } });
    await client.task.add("kj", {
      id: "victim",
      commandLine: `/bin/sh -c "sleep 6; echo survived > $AZ_BATCH_TASK_WORKING_DIR/out.txt"`,
    });
    await waitFor(
      () => client.task.get("kj", "victim"),
      (t) => t.state === "running",
      15_000,
      "victim running",
    );
    // Acknowledged right before the kill: every one of these must come back.
    const ids = Array.from({ length: 60 }, (_, i) => `ack-${i}`);
    for (let i = 0; i < ids.length; i += 20)
      await client.task.addCollection(
        "kj",
        ids.slice(i, i + 20).map((id) => ({ id, commandLine: "/bin/true" })),
      );
    await killed(first.child);

    const second = await spawnAccount(dir);
    cleanups.push(() => killed(second.child));
    const again = sharedKeyClient(second.url);
    expect((await again.pool.get("kp")).id).toBe("kp");
    expect((await again.job.get("kj")).id).toBe("kj");
    const victim = await waitFor(
      () => again.task.get("kj", "victim"),
      (t) => t.state === "completed",
      20_000,
      "victim completed",
    );
    expect(victim.executionInfo).toMatchObject({ result: "success" });
    expect(victim.executionInfo!.requeueCount).toBeGreaterThanOrEqual(1);
    expect(
      await streamText((await again.file.getFromTask("kj", "victim", "wd/out.txt")).readableStreamBody),
    ).toBe("survived\n");
    const listed = await again.task.list("kj", {
      taskListOptions: { filter: "startswith(id,'ack-')", select: "id" },
    });
    expect(listed.map((t) => t.id).sort()).toEqual([...ids].sort());
    second.child.kill("SIGTERM");
  }, 90_000);

  it("finishes a job termination that a kill -9 cut short, ending the task that was running", async () => {
    const dir = await mkdtemp(join(tmpdir(), "batch-kill-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const first = await spawnAccount(dir);
    cleanups.push(() => killed(first.child));
    const client = sharedKeyClient(first.url);
    await client.pool.add({
      id: "tp",
      vmSize: "x",
      virtualMachineConfiguration: PLAIN_VM,
      targetDedicatedNodes: 1,
    });
    await client.job.add({ id: "tj", poolInfo: { poolId: "tp" } });
    // Ignores SIGTERM, so ending it takes the runtime's 2 s grace: the kill lands inside it.
    await client.task.add("tj", { id: "stubborn", commandLine: `/bin/sh -c "trap '' TERM; sleep 30"` });
    await waitFor(
      () => client.task.get("tj", "stubborn"),
      (t) => t.state === "running",
      15_000,
      "stubborn running",
    );
    await client.job.terminate("tj", { terminateReason: "Enough" });
    expect((await client.job.get("tj")).state).toBe("terminating");
    await killed(first.child);

    const second = await spawnAccount(dir);
    cleanups.push(() => killed(second.child));
    const again = sharedKeyClient(second.url);
    const job = await waitFor(
      () => again.job.get("tj"),
      (j) => j.state === "completed",
      15_000,
      "job completed after restart",
    );
    expect(job.executionInfo?.terminateReason).toBe("Enough");
    const t = await again.task.get("tj", "stubborn");
    expect(t.state).toBe("completed");
    expect(t.executionInfo?.failureInfo?.code).toBe("TaskEnded");
    second.child.kill("SIGTERM");
  }, 90_000);
});
