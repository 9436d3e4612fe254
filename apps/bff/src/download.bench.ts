/**
 * Memory while streaming a large download through the BFF: a task writes BENCH_DOWNLOAD_MIB
 * (default 1024) of data, the bench downloads it through the BFF and samples this process's RSS
 * (BFF + client; the emulator runs in its own process). Flat = RSS does not grow with the size.
 * Run: pnpm --filter @batch-studio/bff exec tsx src/download.bench.ts   (prints one JSON line)
 */
import { apiUrl } from "@batch-studio/shared";
import { benchSession, readyJob, waitForTask } from "./testing/bench-support";
import { startLocalStack } from "./testing/local-stack";

const MIB = Number(process.env.BENCH_DOWNLOAD_MIB ?? 1024);
const mb = (bytes: number) => +(bytes / 1024 / 1024).toFixed(1);

const stack = await startLocalStack({ overrides: { logLevel: "warn" }, separateEmulator: true, runtime: "process" });
try {
  const s = await benchSession(stack);
  const { jobId } = await readyJob(s, `download-${Date.now()}`);
  const taskId = "big-file";
  const added = await s.api(apiUrl("tasks", { account: s.accountId, job: jobId }), {
    method: "POST",
    body: JSON.stringify({ id: taskId, commandLine: `/bin/sh -c 'head -c ${MIB * 1024 * 1024} /dev/zero > big.bin'`, containerSettings: { imageName: "busybox:latest" } }),
  });
  if (added.status !== 201) throw new Error(`task add: ${added.status} ${await added.text()}`);
  const task = await waitForTask(s, jobId, taskId);
  if (task.exitCode !== 0) throw new Error(`the writer task failed with ${task.exitCode}`);

  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = Date.now();
  const ticket = await s.api(apiUrl("taskFileDownloadTicket", { account: s.accountId, job: jobId, task: taskId }, { path: "wd/big.bin" }), { method: "POST" });
  if (ticket.status !== 200) throw new Error(`download ticket: ${ticket.status} ${await ticket.text()}`);
  // The browser's path: a plain link with the single-use ticket, streamed by the BFF.
  const res = await fetch(`${stack.bffUrl}${((await ticket.json()) as { url: string }).url}`);
  if (res.status !== 200) throw new Error(`download: ${res.status} ${await res.text()}`);
  let received = 0;
  for await (const chunk of res.body!) received += (chunk as Uint8Array).byteLength;
  const seconds = (Date.now() - started) / 1000;
  clearInterval(sampler);
  if (received !== MIB * 1024 * 1024) throw new Error(`received ${received} bytes, expected ${MIB * 1024 * 1024}`);
  console.log(
    JSON.stringify({
      bench: "download-memory",
      sizeMiB: MIB,
      rssBaselineMiB: mb(baseline),
      rssPeakMiB: mb(peak),
      rssGrowthMiB: mb(peak - baseline),
      seconds: +seconds.toFixed(1),
      throughputMiBps: +(MIB / seconds).toFixed(1),
    }),
  );
} finally {
  await stack.close();
}
