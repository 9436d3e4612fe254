/**
 * The `process` runtime: tasks run as plain host processes with the node layout and AZ_BATCH_*
 * environment the scheduler prepared. No isolation: container settings are recorded but the
 * command runs on the host, and info() says so for operators. stdout/stderr are the files
 * themselves (the child writes straight to them), so they can be read while the task runs.
 */
import { spawn } from "node:child_process";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { openOutput } from "../../files/confined-writes";
import type {
  PullResult,
  RegistryCredential,
  RunRequest,
  RunResult,
  RuntimeFailure,
  RuntimeInfo,
  TaskRuntime,
} from "../task-runtime";

export const PROCESS_RUNTIME_NOTE = "containers simulated: no Docker engine";

export interface ProcessRuntimeOptions {
  /** Where pid files of running executions live, so `cleanup` can stop orphans after a crash. */
  stateDir: string;
  /** Grace period between SIGTERM and SIGKILL when a task is aborted. */
  killGraceMs?: number;
}

const failure = (code: string, message: string, detail?: string): RuntimeFailure => ({
  category: "usererror",
  code,
  message,
  details: detail ? [{ name: "Message", value: detail }] : undefined,
});

/** Registry host of an image reference, Docker's way: the first path part if it looks like a host. */
function registryOf(image: string): string {
  const first = image.split("/")[0]!;
  return image.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost")
    ? first
    : "docker.io";
}

export function createProcessRuntime(options: ProcessRuntimeOptions): TaskRuntime {
  const killGraceMs = options.killGraceMs ?? 2000;
  const info: RuntimeInfo = { kind: "process", containersIsolated: false, note: PROCESS_RUNTIME_NOTE };
  let stateDirReady: Promise<unknown> | undefined;

  async function pull(imageName: string, registries: RegistryCredential[]): Promise<PullResult> {
    // Nothing to pull without an engine; a managed identity can never be used locally though.
    const server = registryOf(imageName);
    const reg = registries.find((r) => r.server.toLowerCase() === server.toLowerCase());
    if (reg?.identityResourceId)
      return {
        ok: false,
        failure: failure(
          "ContainerInvalidRegistry",
          `Cannot pull ${imageName}: managed identity registry credentials are not available locally`,
        ),
      };
    return { ok: true };
  }

  async function run(req: RunRequest): Promise<RunResult> {
    if (req.container && req.argv.length === 0)
      return {
        failure: failure(
          "ContainerMiscError",
          `An empty command line runs the image ENTRYPOINT of ${req.container.imageName}, which needs a Docker engine`,
          `${PROCESS_RUNTIME_NOTE}: the process runtime runs commands on the host and cannot run an image's ENTRYPOINT`,
        ),
      };
    if (req.argv.length === 0)
      return { failure: failure("CommandProgramNotFound", "The command line is empty") };
    if (req.signal.aborted) return { failure: failure("TaskEnded", "The task was ended before it started") };

    const out = await openOutput(req.nodeRootDir, req.stdoutPath);
    const err = await openOutput(req.nodeRootDir, req.stderrPath);
    try {
      const [program, ...args] = req.argv as [string, ...string[]];
      const child = spawn(program, args, {
        cwd: req.workingDir,
        env: { PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin", ...req.env },
        stdio: ["ignore", out.fd, err.fd],
        detached: true, // its own process group, so an abort takes its children too
      });
      const pidFile = join(options.stateDir, `${req.executionId}.pid`);
      return await new Promise<RunResult>((resolve) => {
        let killTimer: NodeJS.Timeout | undefined;
        let pidWritten: Promise<unknown> = Promise.resolve();
        const onAbort = () => {
          signalGroup(child.pid, "SIGTERM");
          killTimer = setTimeout(() => signalGroup(child.pid, "SIGKILL"), killGraceMs);
        };
        const finish = (result: RunResult) => {
          req.signal.removeEventListener("abort", onAbort);
          if (killTimer) clearTimeout(killTimer);
          // Remove the pid file only after it was written, or it would outlive the task.
          void pidWritten.then(() => rm(pidFile, { force: true })).finally(() => resolve(result));
        };
        child.once("spawn", () => {
          pidWritten = (stateDirReady ??= mkdir(options.stateDir, { recursive: true }))
            .then(() => writeFile(pidFile, JSON.stringify({ pid: child.pid, program })))
            .catch(() => undefined);
          if (req.signal.aborted) onAbort();
          else req.signal.addEventListener("abort", onAbort, { once: true });
        });
        child.once("error", (e: NodeJS.ErrnoException) => {
          if (e.code === "ENOENT")
            finish({
              failure: failure(
                "CommandProgramNotFound",
                "The specified command program is not found",
                `${program}: not found`,
              ),
            });
          else
            finish({
              failure: failure(
                "CommandLaunchFailed",
                "The task process could not be started",
                `${program}: ${e.code ?? e.message}`,
              ),
            });
        });
        child.once("exit", (code, sig) => finish({ exitCode: code ?? 128 + signalNumber(sig) }));
      });
    } finally {
      await out.close();
      await err.close();
    }
  }

  async function cleanup(prefix: string): Promise<void> {
    const names = await readdir(options.stateDir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.startsWith(prefix) && n.endsWith(".pid"))) {
      const file = join(options.stateDir, name);
      try {
        const { pid, program } = JSON.parse(await readFile(file, "utf8")) as { pid: number; program: string };
        // Only signal the pid if it still runs the program we started (pids get reused).
        const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
        if (cmdline.split("\0")[0] === program) signalGroup(pid, "SIGKILL");
      } catch {
        // unreadable pid file: nothing we can safely stop
      }
      await rm(file, { force: true });
    }
  }

  return { info: () => info, pull, run, cleanup };
}

function signalGroup(pid: number | undefined, sig: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  }
}

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
const signalNumber = (sig: NodeJS.Signals | null): number => (sig ? (SIGNALS[sig] ?? 1) : 0);
