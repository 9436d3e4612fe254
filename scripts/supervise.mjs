// Keeps one child process of the local stack running: when it dies without being asked to, the
// rest of its process group is cleared away (tsx runs the real server in a grandchild that would
// otherwise keep the ports) and it is started again after a backoff that doubles up to a cap and
// resets once the child has stayed up for a while. Node built-ins only, like scripts/stack.mjs.

import { constants } from "node:os";

/** Backoff of the stack: 0.5 s, 1 s, 2 s, … up to 30 s; a child up for 30 s counts as healthy again. */
export const defaultBackoff = { initialMs: 500, maxMs: 30_000, stableMs: 30_000 };

/** The delay before the next start, given the last delay and how long the child stayed up. */
export function nextDelay(previousMs, uptimeMs, backoff = defaultBackoff) {
  if (previousMs === undefined || uptimeMs >= backoff.stableMs) return backoff.initialMs;
  return Math.min(previousMs * 2, backoff.maxMs);
}

const signalNames = Object.fromEntries(Object.entries(constants.signals).map(([name, n]) => [n, name]));

/**
 * "exit code 1", "signal SIGKILL", or "exit code 137 = SIGKILL": how a child ended, for the log.
 * tsx passes a killed server's fate on as 128 + the signal's number.
 */
export function describeExit(code, signal) {
  if (signal) return `signal ${signal}`;
  const killedBy = code > 128 ? signalNames[code - 128] : undefined;
  return killedBy ? `exit code ${code} = ${killedBy}` : `exit code ${code}`;
}

const killGroup = (pid, signal) => {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
};

/**
 * Runs `spawnChild()` (which must start the child `detached`, in a group of its own) and restarts
 * it when it exits unexpectedly. `log(line)` receives one line per death and per restart.
 * `stop()` ends it for good: SIGTERM to the group, SIGKILL after `graceMs`.
 */
export function supervise({ name, spawnChild, log, backoff = defaultBackoff, graceMs = 10_000 }) {
  let child;
  let exited;
  let stopping = false;
  let delay;
  let restartTimer;
  let restarts = 0;

  const run = () => {
    restartTimer = undefined;
    const startedAt = Date.now();
    child = spawnChild();
    exited = new Promise(/** @param {(value?: void) => void} resolve */ (resolve) =>
      child.once("exit", (code, signal) => {
        resolve();
        // Whatever the dead child left in its group goes too, so the next start finds its ports free.
        killGroup(child.pid, "SIGKILL");
        if (stopping) return;
        const uptime = Date.now() - startedAt;
        delay = nextDelay(delay, uptime, backoff);
        restarts += 1;
        log(
          `${name} died (${describeExit(code, signal)}) after ${(uptime / 1000).toFixed(1)} s; ` +
            `restarting it in ${(delay / 1000).toFixed(1)} s (restart ${restarts}) at ${new Date(Date.now() + delay).toISOString()}`,
        );
        restartTimer = setTimeout(() => {
          run();
          log(`${name} restarted (pid ${child.pid})`);
        }, delay);
      }),
    );
  };
  run();

  return {
    name,
    get pid() {
      return child.pid;
    },
    get restarts() {
      return restarts;
    },
    /** Stops the child and any pending restart; resolves once it has exited. */
    async stop() {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      if (child.exitCode !== null || child.signalCode !== null) return;
      killGroup(child.pid, "SIGTERM");
      const timer = setTimeout(() => killGroup(child.pid, "SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
