/**
 * Follow-stream latency: a task prints its own clock (ms) every 300 ms; the bench follows stdout
 * through the BFF's SSE route and measures, per line, "event received" minus "line written".
 * Run: pnpm --filter @batch-studio/bff exec tsx src/follow.bench.ts   (prints one JSON line)
 */
import { apiUrl, type FollowChunk } from "@batch-studio/shared";
import { benchSession, readyJob, summarize } from "./testing/bench-support";
import { startLocalStack } from "./testing/local-stack";

const LINES = Number(process.env.BENCH_LINES ?? 20);
const FOLLOW_INTERVAL_MS = Number(process.env.BENCH_FOLLOW_INTERVAL_MS ?? 500);

const stack = await startLocalStack({ overrides: { logLevel: "warn" }, separateEmulator: true, runtime: "process", followIntervalMs: FOLLOW_INTERVAL_MS });
try {
  const s = await benchSession(stack);
  const { jobId } = await readyJob(s, `follow-${Date.now()}`);
  const taskId = "clock";
  const added = await s.api(apiUrl("tasks", { account: s.accountId, job: jobId }), {
    method: "POST",
    body: JSON.stringify({
      id: taskId,
      commandLine: `/bin/sh -c 'i=0; while [ $i -lt ${LINES} ]; do date +%s%3N; i=$((i+1)); sleep 0.3; done'`,
      containerSettings: { imageName: "busybox:latest" },
    }),
  });
  if (added.status !== 201) throw new Error(`task add: ${added.status} ${await added.text()}`);

  const res = await s.api(apiUrl("taskFileFollow", { account: s.accountId, job: jobId, task: taskId }, { path: "stdout.txt" }));
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const latencies: number[] = [];
  let buffer = "";
  let text = "";
  let ended = false;
  while (!ended) {
    const { value, done } = await reader.read();
    if (done) break;
    const receivedAt = Date.now();
    buffer += value;
    let sep: number;
    while ((sep = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, sep);
      buffer = buffer.slice(sep + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event === "end") ended = true;
      if (event !== "data" || !data) continue;
      const chunk = JSON.parse(data) as FollowChunk;
      text += chunk.encoding === "utf8" ? chunk.data : Buffer.from(chunk.data, "base64").toString();
      const lines = text.split("\n");
      text = lines.pop() ?? "";
      for (const line of lines) if (/^\d{13}$/.test(line)) latencies.push(receivedAt - Number(line));
    }
  }
  await reader.cancel().catch(() => undefined);
  console.log(JSON.stringify({ bench: "follow-latency", pollIntervalMs: FOLLOW_INTERVAL_MS, writeToEventMs: summarize(latencies), lines: latencies.length }));
} finally {
  await stack.close();
}
