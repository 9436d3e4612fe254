/**
 * The reliability soak (`pnpm --filter @batch-studio/bench bench:soak`): the whole stack as
 * `pnpm start` runs it (scripts/stack.mjs supervising the emulator and the BFF), 50 concurrent
 * pollers through the BFF — pool list, task list, and task output follow streams — for 60 s while
 * 200 container tasks are created and run, and pools and jobs are created alongside. At 20 s the
 * emulator is killed with SIGKILL and the stack's supervisor starts it again. Reported: requests,
 * errors outside the restart window, the window's length, acknowledged creates lost, and whether
 * every follow stream resumed with every byte exactly once.
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { apiUrl, type AccountsResponse } from "@batch-studio/shared";
import { headlessSignIn } from "../../../apps/emulator/src/identity/headless-sign-in";
import { readFollowStream } from "../../../apps/web/src/output/followStream";
import { writeReportSection } from "../report";
import { machineLine, today } from "../web/environment";
import { startWebStack, type WebStack } from "../web/web-stack";
import { errorsByStatus, failed, formatCounts, overlaps, type RequestSample } from "./soak-stats";

const SOAK_MS = 60_000;
const KILL_AT_MS = 20_000;
const POLLERS = { pools: 17, tasks: 17, follow: 16 };
const POLL_EVERY_MS = 1000;
const TASKS = 200;
/** Tasks are added over the first 40 s, so creates are acknowledged right before and after the kill. */
const TASK_CREATE_SPAN_MS = 40_000;
const POOL_JOB_CREATE_EVERY_MS = 2000;
/** Followed tasks print a numbered line every 0.25 s for 30 s, so the kill lands mid-output. */
const FOLLOWED_COMMAND = `/bin/sh -c 'i=0; while [ $i -lt 120 ]; do i=$((i+1)); echo "line $i of a followed task"; sleep 0.25; done'`;
const SHORT_COMMAND = (n: number) => `/bin/sh -c 'echo task ${n} starts; sleep 3; echo task ${n} done'`;
const CONTAINER = { imageName: "busybox:1.36" };
const FOLLOW_TIMEOUT_MS = 180_000;
/** A container pool as the wizard sends it (id and scale set per use). */
const POOL_SPEC = {
  vmSize: "standard_d2s_v3",
  image: {
    kind: "marketplace",
    publisher: "microsoft-azure-batch",
    offer: "ubuntu-server-container",
    sku: "20-04-lts",
  },
  nodeAgentSkuId: "batch.node.ubuntu 20.04",
  container: { prefetchImages: [], registries: [] },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface FollowResult {
  taskId: string;
  received: Buffer;
  gaps: number;
  duplicates: number;
  reconnects: number;
  ended?: string;
  /** Data arrived after the emulator answered again (the stream went on past the restart). */
  dataAfterRestart: boolean;
}

/**
 * A signed-in operator's token. Every poller is an operator of its own, as 50 portal tabs of 50
 * people would be: the BFF limits each operator to 600 requests a minute.
 */
async function signIn(stack: WebStack, name: string): Promise<string> {
  const endpoints = JSON.parse(readFileSync(join(stack.dataDir, "endpoints.json"), "utf8")) as {
    identity: { issuer: string };
  };
  const { tokens } = await headlessSignIn({
    issuer: endpoints.identity.issuer,
    redirectUri: `${stack.portalUrl}/redirect.html`,
    typedName: name,
  });
  return tokens.access_token;
}

const emulatorPid = (stack: WebStack): number =>
  (JSON.parse(readFileSync(join(stack.dataDir, "endpoints.json"), "utf8")) as { pid: number }).pid;

async function soak(stack: WebStack): Promise<string> {
  const creatorToken = await signIn(stack, "Soak Creator");
  const pollerTokens: string[] = [];
  for (let i = 0; i < POLLERS.pools + POLLERS.tasks + POLLERS.follow; i++)
    pollerTokens.push(await signIn(stack, `Soak Poller ${i + 1}`));
  const t0 = performance.now();
  const now = () => performance.now() - t0;
  const samples: RequestSample[] = [];
  /** The body of each failed answer, by sample index (to say what the errors were). */
  const problems = new Map<number, string>();
  /** A request through the BFF, recorded as a sample (outside the soak's 60 s too: setup and checks count). */
  const call = async (
    kind: string,
    path: string,
    init: RequestInit = {},
    token = creatorToken,
  ): Promise<Response | undefined> => {
    const startMs = now();
    try {
      const res = await fetch(`${stack.portalUrl}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${token}`,
          ...(init.body ? { "content-type": "application/json" } : {}),
          ...(init.headers as Record<string, string> | undefined),
        },
      });
      samples.push({ kind, startMs, endMs: now(), status: res.status });
      if (!res.ok)
        problems.set(
          samples.length - 1,
          await res
            .clone()
            .text()
            .then(
              (t) => t.slice(0, 300),
              () => "",
            ),
        );
      return res;
    } catch {
      samples.push({ kind, startMs, endMs: now(), status: "network" });
      return undefined;
    }
  };
  const json = async <T>(kind: string, path: string, init?: RequestInit): Promise<T> => {
    const res = await call(kind, path, init);
    if (!res?.ok)
      throw new Error(`${kind} ${path}: ${res ? `${res.status} ${await res.text()}` : "no answer"}`);
    return (await res.json()) as T;
  };

  // ---- setup: one container pool big enough to run the 200 tasks at once, and its job
  const accounts = await json<AccountsResponse>("setup", apiUrl("accounts", {}));
  const account = accounts.subscriptions.flatMap((s) => s.accounts).find((a) => a.name === stack.accountName);
  if (!account) throw new Error(`no account ${stack.accountName}`);
  const acct = account.id;
  const poolId = "soak-pool";
  const jobId = "soak-job";
  await json("setup", apiUrl("pools", { account: acct }), {
    method: "POST",
    body: JSON.stringify({ ...POOL_SPEC, id: poolId, scale: { dedicated: 25 }, taskSlotsPerNode: 8 }),
  });
  for (let i = 0; ; i++) {
    const nodes = await json<{ items: { state: string }[] }>("setup", apiUrl("nodes", { account: acct, pool: poolId }));
    if (nodes.items.length === 25 && nodes.items.every((n) => n.state === "idle")) break;
    if (i > 600)
      throw new Error(
        `the pool's nodes did not become idle: ${JSON.stringify(nodes.items.map((n) => n.state))}`,
      );
    await sleep(200);
  }
  await json("setup", apiUrl("jobs", { account: acct }), { method: "POST", body: JSON.stringify({ id: jobId, poolId }) });
  const acked = { pools: [poolId], jobs: [jobId], tasks: [] as string[] };
  let createRetries = 0;
  /**
   * Creates as a careful client does: a failed create is sent again (same id) until it is answered
   * 201, or 409 when an earlier try was applied although its answer was lost. Only 201s count as
   * acknowledged.
   */
  const create = async (kind: string, path: string, body: object, ids: string[], id: string) => {
    for (;;) {
      const res = await call(kind, path, { method: "POST", body: JSON.stringify(body) });
      await res?.arrayBuffer();
      if (res?.status === 201) ids.push(id);
      if (res?.status === 201 || res?.status === 409) return res.status;
      createRetries++;
      await sleep(1000);
    }
  };
  const addTask = (id: string, commandLine: string) =>
    create(
      "create task",
      apiUrl("tasks", { account: acct, job: jobId }),
      { id, commandLine, containerSettings: CONTAINER },
      acked.tasks,
      id,
    );
  const followedIds = Array.from({ length: POLLERS.follow }, (_, i) => `followed-${i}`);
  for (const id of followedIds) await addTask(id, FOLLOWED_COMMAND);

  // ---- the soak
  const soakStart = now();
  const soakEnd = soakStart + SOAK_MS;
  let killMs = 0;
  let emulatorBackMs: number | undefined;

  const poller = async (kind: string, path: string, offset: number, token: string) => {
    await sleep(offset);
    while (now() < soakEnd) {
      const res = await call(kind, path, {}, token);
      await res?.arrayBuffer();
      await sleep(POLL_EVERY_MS);
    }
  };

  const follower = async (taskId: string, token: string): Promise<FollowResult> => {
    const result: FollowResult = {
      taskId,
      received: Buffer.alloc(0),
      gaps: 0,
      duplicates: 0,
      reconnects: 0,
      dataAfterRestart: false,
    };
    let lastEventId: string | undefined;
    const deadline = soakStart + FOLLOW_TIMEOUT_MS;
    while (result.ended === undefined && now() < deadline) {
      const path = apiUrl("taskFileFollow", { account: acct, job: jobId, task: taskId }, { path: "stdout.txt", from: 0 });
      // Like EventSource: a broken stream is opened again with the id of the last event received.
      const res = await call(
        "follow",
        path,
        {
          headers: { accept: "text/event-stream", ...(lastEventId ? { "last-event-id": lastEventId } : {}) },
        },
        token,
      );
      if (res?.ok) {
        try {
          await readFollowStream(res, (ev) => {
            if (ev.type === "data") {
              const expected = result.received.length;
              if (ev.chunk.offset > expected) result.gaps++;
              if (ev.chunk.offset < expected) result.duplicates++;
              const fresh = ev.bytes.subarray(Math.max(0, expected - ev.chunk.offset));
              if (ev.chunk.offset <= expected) result.received = Buffer.concat([result.received, fresh]);
              lastEventId = String(ev.chunk.offset + ev.chunk.length);
              if (emulatorBackMs !== undefined) result.dataAfterRestart = true;
            } else if (ev.type === "end") result.ended = ev.end.reason;
          });
        } catch {
          // the connection broke mid-stream: reconnect below
        }
      } else await res?.arrayBuffer();
      if (result.ended === undefined) {
        result.reconnects++;
        await sleep(500);
      }
    }
    return result;
  };

  const creators = async () => {
    const taskCreator = (async () => {
      const count = TASKS - followedIds.length;
      for (let n = 0; n < count; n++) {
        const due = soakStart + (n * TASK_CREATE_SPAN_MS) / count;
        if (due > now()) await sleep(due - now());
        await addTask(`short-${n}`, SHORT_COMMAND(n));
      }
    })();
    const poolJobCreator = (async () => {
      for (let n = 0; now() < soakEnd - POOL_JOB_CREATE_EVERY_MS; n++) {
        const extraPool = `soak-extra-pool-${n}`;
        await create(
          "create pool",
          apiUrl("pools", { account: acct }),
          { ...POOL_SPEC, id: extraPool, scale: { dedicated: 0 } },
          acked.pools,
          extraPool,
        );
        await create(
          "create job",
          apiUrl("jobs", { account: acct }),
          { id: `soak-extra-job-${n}`, poolId },
          acked.jobs,
          `soak-extra-job-${n}`,
        );
        await sleep(POOL_JOB_CREATE_EVERY_MS);
      }
    })();
    await Promise.all([taskCreator, poolJobCreator]);
  };

  const killer = async () => {
    await sleep(soakStart + KILL_AT_MS - now());
    const pid = emulatorPid(stack);
    killMs = now();
    process.kill(pid, "SIGKILL");
    console.log(
      `[soak] killed the emulator (pid ${pid}) with SIGKILL at ${((killMs - soakStart) / 1000).toFixed(1)} s of the soak`,
    );
    // The emulator is back when a new one wrote endpoints.json and its Batch endpoint answers.
    const batchUrl = (
      JSON.parse(readFileSync(join(stack.dataDir, "endpoints.json"), "utf8")) as {
        accounts: { name: string; url: string }[];
      }
    ).accounts.find((a) => a.name === stack.accountName)!.url;
    for (;;) {
      await sleep(100);
      try {
        if (emulatorPid(stack) === pid) continue;
        await fetch(batchUrl, { signal: AbortSignal.timeout(1000) });
        emulatorBackMs = now();
        console.log(
          `[soak] the emulator answers again ${((emulatorBackMs - killMs) / 1000).toFixed(1)} s after the kill`,
        );
        return;
      } catch {
        // not back yet
      }
    }
  };

  const pollers = [
    ...Array.from({ length: POLLERS.pools }, (_, i) =>
      poller("pool list", apiUrl("pools", { account: acct }), (i * POLL_EVERY_MS) / POLLERS.pools, pollerTokens[i]!),
    ),
    ...Array.from({ length: POLLERS.tasks }, (_, i) =>
      poller(
        "task list",
        apiUrl("tasks", { account: acct, job: jobId }, { pageSize: 100 }),
        (i * POLL_EVERY_MS) / POLLERS.tasks,
        pollerTokens[POLLERS.pools + i]!,
      ),
    ),
  ];
  const followers = followedIds.map((id, i) =>
    follower(id, pollerTokens[POLLERS.pools + POLLERS.tasks + i]!),
  );
  await Promise.all([...pollers, creators(), killer()]);
  const soakSamples = samples.filter((s) => s.startMs >= soakStart && s.startMs < soakEnd);
  console.log(`[soak] 60 s done; waiting for the followed tasks' streams to end`);
  const follows = await Promise.all(followers);

  // ---- after: did every acknowledged create survive, and did every stream get every byte once?
  const listIds = async (path: string) =>
    (await json<{ items: { id: string }[] }>("check", path)).items.map((i) => i.id);
  const pools = new Set(await listIds(apiUrl("pools", { account: acct })));
  const jobs = new Set(await listIds(apiUrl("jobs", { account: acct })));
  const tasks = new Set<string>();
  for (let cursor: string | undefined; ;) {
    const page = await json<{ items: { id: string }[]; nextCursor?: string }>(
      "check",
      apiUrl("tasks", { account: acct, job: jobId }, { pageSize: 1000, ...(cursor ? { cursor } : {}) }),
    );
    for (const t of page.items) tasks.add(t.id);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  const lost = {
    pools: acked.pools.filter((id) => !pools.has(id)),
    jobs: acked.jobs.filter((id) => !jobs.has(id)),
    tasks: acked.tasks.filter((id) => !tasks.has(id)),
  };
  const exact: boolean[] = [];
  for (const f of follows) {
    const res = await call("check", apiUrl("taskFileContent", { account: acct, job: jobId, task: f.taskId }, { path: "stdout.txt" }));
    const file = res?.ok ? Buffer.from(await res.arrayBuffer()) : undefined;
    exact.push(file !== undefined && file.equals(f.received));
  }

  // ---- the report
  if (emulatorBackMs === undefined) throw new Error("the emulator did not come back after the kill");
  const window = { startMs: killMs, endMs: emulatorBackMs };
  const errors = errorsByStatus(soakSamples, window);
  const firstSuccess = soakSamples
    .filter((x) => x.startMs >= killMs && !failed(x))
    .reduce((m, x) => Math.min(m, x.startMs), Infinity);
  const byKind = (kind: string) => soakSamples.filter((s) => s.kind === kind);
  const kinds = ["pool list", "task list", "follow", "create task", "create pool", "create job"];
  const supervisorLines = stack.stackLines().filter((l) => /^\[stack\] emulator (died|restarted)/.test(l));
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const resumed = follows.filter((f) => f.ended === "completed" && f.dataAfterRestart).length;
  const lines = [
    "## Reliability",
    "",
    `The soak: ${POLLERS.pools + POLLERS.tasks + POLLERS.follow} concurrent pollers (each signed in as an operator of its own) through the BFF for ${SOAK_MS / 1000} s — ${POLLERS.pools} polling the pool list and ${POLLERS.tasks} the task list (page of 100) every ${POLL_EVERY_MS / 1000} s, ${POLLERS.follow} following a running task's stdout.txt (SSE, reopened with Last-Event-ID when a stream breaks) — while ${TASKS} container tasks (busybox, on the process runtime: ${TASKS} containers on two shared cores would measure Docker, not the portal) are added over the first ${TASK_CREATE_SPAN_MS / 1000} s to a 25-node pool with 8 slots per node, and a pool and a job are created every ${POOL_JOB_CREATE_EVERY_MS / 1000} s. At ${KILL_AT_MS / 1000} s the emulator is killed with SIGKILL; \`pnpm start\`'s supervisor (scripts/supervise.mjs) starts it again.`,
    "",
    "What the result rests on: the supervisor restarts a part that died (0.5 s, doubling to 30 s); the emulator keeps Batch state in its data folder, so what was created survives, and tasks running at the kill are requeued as after a node reboot, as Batch does; the BFF's follow stream stays open while Batch cannot be reached and carries on from its byte offset (each event's SSE id is the offset after it, so a reopened stream resumes with Last-Event-ID), so no byte is lost or repeated; the portal shows \"Reconnecting…\" meanwhile and recovers without a reload. Requests in flight while Batch is away are answered 502 at once: the BFF neither holds nor retries them, the portal's queries retry.",
    "",
    "| Measure | Result | Goal |",
    "| --- | --- | --- |",
    `| Requests in the ${SOAK_MS / 1000} s | ${soakSamples.length} (${kinds.map((k) => `${k} ${byKind(k).length}`).join(", ")}) | |`,
    `| Restart window (SIGKILL → the restarted emulator wrote endpoints.json and its Batch endpoint answers) | ${s(window.endMs - window.startMs)} (the first request sent after the kill that succeeded went out ${s(firstSuccess - killMs)} after it) | |`,
    `| Errors of requests in flight during the window | ${formatCounts(errors.inside)} | |`,
    `| Errors outside the restart window | ${formatCounts(errors.outside)} | none |`,
    `| Acknowledged creates lost (201, then missing after the restart) | pools ${lost.pools.length} of ${acked.pools.length}, jobs ${lost.jobs.length} of ${acked.jobs.length}, tasks ${lost.tasks.length} of ${acked.tasks.length} (${createRetries} creates sent again after a failure) | 0 |`,
    `| Follow streams that went on after the restart and ended "completed" | ${resumed} of ${follows.length} (reopened ${follows.reduce((n, f) => n + f.reconnects, 0)} times in all) | all |`,
    `| Follow streams whose bytes equal the final stdout.txt (no gap, no repeat) | ${exact.filter(Boolean).length} of ${follows.length} (gaps ${follows.reduce((n, f) => n + f.gaps, 0)}, repeated chunks ${follows.reduce((n, f) => n + f.duplicates, 0)}) | all |`,
    "",
    `Supervisor: ${supervisorLines.map((l) => `\`${l.replace(/^\[stack\] /, "").replace(/ at \d{4}-\S+/, "")}\``).join("; ") || "no restart line found in the stack's output"}.`,
  ];
  const outside = soakSamples
    .map((x) => ({ x, body: problems.get(samples.indexOf(x)) ?? "" }))
    .filter(({ x }) => failed(x) && !overlaps(x, window));
  if (outside.length > 0) {
    const described = outside
      .slice(0, 12)
      .map(
        ({ x, body }) =>
          `${x.kind} ${x.status} sent ${s(x.startMs - killMs)} after the kill, answered after ${s(x.endMs - x.startMs)}${/"detail":"([^"]+)"/.exec(body)?.[1] ? ` (${/"detail":"([^"]+)"/.exec(body)?.[1]})` : ""}`,
      );
    lines.push("", `Errors outside the window: ${described.join("; ")}.`);
  }
  if (lost.tasks.length + lost.jobs.length + lost.pools.length > 0)
    lines.push("", `Lost: ${[...lost.pools, ...lost.jobs, ...lost.tasks.slice(0, 10)].join(", ")}.`);
  const endings = follows
    .filter((f) => f.ended !== "completed")
    .map((f) => `${f.taskId}: ${f.ended ?? "no end"}`);
  if (endings.length) lines.push("", `Follow streams that did not end "completed": ${endings.join(", ")}.`);
  if (samples.some((x) => x.kind === "check" && failed(x)))
    lines.push("", "Some checks after the soak failed; see the console.");
  return lines.join("\n");
}

async function main() {
  const loadBefore = loadavg();
  let stack: WebStack | undefined;
  try {
    stack = await startWebStack({ spa: false }); // the soak talks to the API only
    const body = await soak(stack);
    writeReportSection(
      "reliability",
      `${body}\n\nMeasured ${today()} against the local stack on loopback (scripts/stack.mjs: emulator with the ${stack.runtime} runtime + BFF); ${machineLine(loadBefore)}. Command: \`pnpm --filter @batch-studio/bench bench:soak\`.`,
    );
    console.log(body);
    console.log(`[bench] wrote section "reliability" of docs/PERFORMANCE.md`);
  } catch (e) {
    console.error(
      `[bench] soak could not measure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
    );
    if (stack) console.error(stack.stackLines().join("\n"));
    process.exitCode = 1;
  } finally {
    await stack?.stop();
  }
}

await main();
