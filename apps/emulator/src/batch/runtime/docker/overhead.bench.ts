/**
 * Container task overhead: the docker runtime running a trivial container task, against a direct
 * `docker run --rm` of the same image and command, side by side (interleaved, after one warm-up each).
 * Needs the container lab:
 *   eval "$(bash scripts/container-lab.sh up)"
 *   pnpm --filter @batch-studio/emulator exec tsx src/batch/runtime/docker/overhead.bench.ts [N]
 * Prints a table and one JSON line (for bench/ and docs/PERFORMANCE.md). Goal: runtime/direct median <= 1.3.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createDockerRuntime, detectDocker } from "./index";
import { labFromEnv } from "./lab-env";

const run = promisify(execFile);
const N = Math.max(1, Math.min(100, Number(process.argv[2] ?? 10)));
const COMMAND = ["/bin/sh", "-c", "echo hello"];

async function main(): Promise<void> {
  const lab = labFromEnv();
  if (!lab)
    throw new Error('the container lab is not configured: run eval "$(bash scripts/container-lab.sh up)"');
  const detected = await detectDocker();
  if (!detected.available) throw new Error(detected.reason);

  const runtime = createDockerRuntime({ engineVersion: detected.version });
  const registry = { server: lab.registry, username: lab.user, password: lab.password };
  const pulled = await runtime.pull(lab.imagePlain, [registry]);
  if (!pulled.ok) throw new Error(`pull failed: ${pulled.failure?.message}`);

  const root = await mkdtemp(join(tmpdir(), "batch-overhead-"));
  let seq = 0;
  const viaRuntime = async (): Promise<number> => {
    const taskDir = join(root, `task-${seq++}`);
    const workingDir = join(taskDir, "wd");
    await mkdir(workingDir, { recursive: true });
    const stdoutPath = join(taskDir, "stdout.txt");
    const stderrPath = join(taskDir, "stderr.txt");
    await Promise.all([writeFile(stdoutPath, ""), writeFile(stderrPath, "")]);
    const start = performance.now();
    const result = await runtime.run({
      executionId: `bench-${process.pid}-${seq}`,
      argv: COMMAND,
      env: { AZ_BATCH_TASK_WORKING_DIR: workingDir },
      nodeRootDir: root,
      taskDir,
      workingDir,
      stdoutPath,
      stderrPath,
      container: {
        imageName: lab.imagePlain,
        runOptions: "--rm",
        workingDirectory: "taskWorkingDirectory",
        registry,
      },
      signal: new AbortController().signal,
    });
    const elapsed = performance.now() - start;
    if (result.exitCode !== 0) throw new Error(`runtime task failed: ${JSON.stringify(result)}`);
    return elapsed;
  };
  const direct = async (): Promise<number> => {
    const start = performance.now();
    const { stdout } = await run("docker", ["run", "--rm", lab.imagePlain, ...COMMAND]);
    const elapsed = performance.now() - start;
    if (stdout !== "hello\n") throw new Error(`docker run printed ${JSON.stringify(stdout)}`);
    return elapsed;
  };

  try {
    await viaRuntime();
    await direct();
    const runtimeMs: number[] = [];
    const directMs: number[] = [];
    for (let i = 0; i < N; i++) {
      // Alternate which goes first so drift (caches, other load) hits both sides alike.
      if (i % 2 === 0) {
        runtimeMs.push(await viaRuntime());
        directMs.push(await direct());
      } else {
        directMs.push(await direct());
        runtimeMs.push(await viaRuntime());
      }
    }
    const a = stats(runtimeMs);
    const b = stats(directMs);
    const ratio = a.median / b.median;
    console.log(`container task overhead, N=${N}, Docker ${detected.version}, image ${lab.imagePlain}`);
    console.log(
      `  docker runtime (run())   median ${a.median.toFixed(0)} ms  mean ${a.mean.toFixed(0)} ms  p90 ${a.p90.toFixed(0)} ms`,
    );
    console.log(
      `  docker run --rm (CLI)    median ${b.median.toFixed(0)} ms  mean ${b.mean.toFixed(0)} ms  p90 ${b.p90.toFixed(0)} ms`,
    );
    console.log(`  ratio (medians) ${ratio.toFixed(2)}x  (goal <= 1.3x)`);
    console.log(
      JSON.stringify({
        bench: "container-overhead",
        n: N,
        engine: detected.version,
        runtimeMs: a,
        directMs: b,
        ratio: Number(ratio.toFixed(3)),
      }),
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

function stats(samples: number[]): { median: number; mean: number; p90: number; min: number; max: number } {
  const sorted = [...samples].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    median: round(
      sorted.length % 2 ? at(0.5) : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2,
    ),
    mean: round(sorted.reduce((s, v) => s + v, 0) / sorted.length),
    p90: round(at(0.9)),
    min: round(sorted[0]!),
    max: round(sorted[sorted.length - 1]!),
  };
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
