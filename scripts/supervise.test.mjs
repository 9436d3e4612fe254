// node --test scripts/: the stack's supervisor against real child processes.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { describe, it } from "node:test";
import { describeExit, nextDelay, supervise } from "./supervise.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, check, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return;
    await sleep(20);
  }
  assert.fail(`timed out waiting for ${what}`);
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** A long-running child that starts a grandchild in its group, the way tsx runs a server; both pids on stdout. */
const spawnParentAndGrandchild = (pids) => () => {
  const grandchild = "setInterval(() => {}, 1000)";
  const parent = `const c = require("node:child_process").spawn(process.execPath, ["-e", ${JSON.stringify(grandchild)}], { stdio: "ignore" });
    console.log(process.pid + " " + c.pid); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["-e", parent], {
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
  });
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (line) => pids.push(line.trim().split(" ").map(Number)));
  return child;
};

describe("supervise", () => {
  it("restarts a child killed with SIGKILL, clears its group, logs which part died and how", async () => {
    const lines = [];
    const pids = [];
    const backoff = { initialMs: 100, maxMs: 400, stableMs: 60_000 };
    const s = supervise({
      name: "emulator",
      spawnChild: spawnParentAndGrandchild(pids),
      log: (l) => lines.push(l),
      backoff,
    });
    try {
      await until("the first start", () => pids.length === 1);
      const [firstParent, firstGrandchild] = pids[0];
      process.kill(firstParent, "SIGKILL");
      await until("the restart", () => pids.length === 2);
      assert.equal(s.restarts, 1);
      assert.notEqual(pids[1][0], firstParent);
      assert.equal(s.pid, pids[1][0]);
      await until("the orphaned grandchild to be gone", () => !alive(firstGrandchild));
      assert.match(
        lines[0],
        /^emulator died \(signal SIGKILL\) after \d+\.\d s; restarting it in 0\.1 s \(restart 1\) at \d{4}-/,
      );
      assert.equal(lines[1], `emulator restarted (pid ${pids[1][0]})`);

      // A second quick death waits twice as long.
      process.kill(pids[1][0], "SIGKILL");
      await until("the second restart", () => pids.length === 3);
      assert.match(lines[2], /restarting it in 0\.2 s \(restart 2\)/);
    } finally {
      await s.stop();
    }
    const [lastParent, lastGrandchild] = pids.at(-1);
    assert.equal(alive(lastParent), false);
    await until("the last grandchild to be gone", () => !alive(lastGrandchild));
  });

  it("does not restart a child that was stopped, and stop() waits for it", async () => {
    const lines = [];
    const pids = [];
    const s = supervise({
      name: "bff",
      spawnChild: spawnParentAndGrandchild(pids),
      log: (l) => lines.push(l),
    });
    await until("the start", () => pids.length === 1);
    await s.stop();
    assert.equal(alive(pids[0][0]), false);
    await sleep(700); // longer than the first backoff step
    assert.equal(pids.length, 1);
    assert.deepEqual(lines, []);
  });

  it("restarts a child that exits with an error code", async () => {
    const lines = [];
    let starts = 0;
    const s = supervise({
      name: "bff",
      spawnChild: () => {
        starts += 1;
        return spawn(
          process.execPath,
          ["-e", starts === 1 ? "process.exit(3)" : "setInterval(() => {}, 1000)"],
          { detached: true, stdio: "ignore" },
        );
      },
      log: (l) => lines.push(l),
      backoff: { initialMs: 20, maxMs: 100, stableMs: 60_000 },
    });
    try {
      await until("the restart", () => starts === 2 && lines.length === 2);
      assert.match(lines[0], /^bff died \(exit code 3\)/);
    } finally {
      await s.stop();
    }
  });

  it("doubles the backoff up to the cap and resets it after a stable run", () => {
    const b = { initialMs: 500, maxMs: 4000, stableMs: 30_000 };
    assert.equal(nextDelay(undefined, 10, b), 500);
    assert.equal(nextDelay(500, 10, b), 1000);
    assert.equal(nextDelay(2000, 10, b), 4000);
    assert.equal(nextDelay(4000, 10, b), 4000);
    assert.equal(nextDelay(4000, 30_000, b), 500);
    assert.equal(describeExit(null, "SIGKILL"), "signal SIGKILL");
    assert.equal(describeExit(1, null), "exit code 1");
    assert.equal(describeExit(137, null), "exit code 137 = SIGKILL");
  });
});
