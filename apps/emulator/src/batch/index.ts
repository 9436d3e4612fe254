/**
 * One emulated Batch account: its data plane on a bare origin, wire-compatible with
 * @azure/batch 10.2.0 (api-version 2022-10-01.16.0). See README.md in this folder.
 */
import type { AccountApplications } from "../applications/application-catalog";
import type { StorageAccountAccess } from "../storage/local-storage";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus } from "node:os";
import { join } from "node:path";
import type { GalleryImageFact } from "@batch-studio/shared";
import { ensurePrivateDir, writePrivateFile } from "../private-files";
import { createBearerVerifier } from "./auth/bearer";
import type { DataPlaneAuthorization } from "./auth/authorize";
import { entityUrl, type Engine, type EngineConfig, type TimeScale } from "./engine";
import { API_VERSION } from "./http/odata-query";
import { Router } from "./http/router";
import { createPipeline } from "./http/server";
import { registerAccountRoutes } from "./routes/account-routes";
import { registerFileRoutes } from "./routes/file-routes";
import { registerJobRoutes } from "./routes/job-routes";
import { registerJobScheduleRoutes } from "./routes/job-schedule-routes";
import { registerNodeRoutes } from "./routes/node-routes";
import { registerPoolRoutes } from "./routes/pool-routes";
import type { Services } from "./routes/services";
import { registerTaskRoutes } from "./routes/task-routes";
import { createProcessRuntime } from "./runtime/process";
import type { RuntimeInfo, TaskRuntime } from "./runtime/task-runtime";
import { NodeAgentLog } from "./scheduler/node-agent-log";
import { ConcurrencyGate } from "./scheduler/concurrency-gate";
import { nodeUrl } from "./scheduler/execution";
import { JobDeadlines } from "./scheduler/job-deadlines";
import { JobNodeTasks } from "./scheduler/job-node-tasks";
import { resumeJobWork } from "./scheduler/job-work";
import { NodeDrains } from "./scheduler/node-drains";
import { NodeLifecycle } from "./scheduler/node-lifecycle";
import { taskRelDir } from "./scheduler/node-layout";
import { ScheduleClock } from "./scheduler/schedule-clock";
import { TaskRetention } from "./scheduler/task-retention";
import { TaskScheduler } from "./scheduler/task-scheduler";
import { AccountState } from "./state/account-state";
import { LevelStore } from "./store/level-store";
import { SecretBox } from "./store/secret-box";

export type { TimeScale } from "./engine";
export type { RuntimeInfo, TaskRuntime } from "./runtime/task-runtime";
export { createProcessRuntime } from "./runtime/process";
export { chooseRuntime, type ChosenRuntime, type RuntimeChoice } from "./runtime/choose-runtime";
export { API_VERSION } from "./http/odata-query";

export const EMULATOR_VERSION = "0.1.0";

export interface BatchAccountOptions {
  /** Account name, e.g. "contosoweu"; SharedKey requests must name it. */
  name: string;
  /** Base64 shared key. */
  key: string;
  /** Region shown in info and used for gallery replica checks, e.g. "westeurope". */
  region: string;
  /** Per-account folder for the store (store/), node roots (nodes/) and endpoints.json. */
  dataDir: string;
  /** Listen address; default 127.0.0.1 and port 0 (a random free port). */
  host?: string;
  port?: number;
  /** Base for absolute URLs (url fields, odata.nextLink); default http://host:port. */
  publicUrl?: string;
  /** Accept bearer tokens from this issuer; audience defaults to https://batch.core.windows.net/. */
  bearer?: { issuer: string; jwksUri: string; audience?: string };
  /**
   * Check bearer callers' roles (src/rbac) at the account's resource id, as Batch does. Without it
   * every valid token may do everything (a bare account in tests, with no ARM around it).
   */
  authorization?: DataPlaneAuthorization;
  /** Rows GET /supportedimages returns (ImageInformation wire shape). Pools must use one of them when non-empty. */
  supportedImages: object[];
  /** Looks up Shared Image Gallery images for pools with virtualMachineImageId. */
  galleryLookup?: (imageId: string) => Promise<GalleryImageFact | undefined>;
  /** Default: the process runtime (host processes, containers simulated). */
  runtime?: TaskRuntime;
  /** Running tasks + start tasks across the whole account; default 2 × CPUs. */
  maxConcurrentTasks?: number;
  timeScale?: TimeScale;
  /** The account's auto-storage account (autoStorageContainerName resource files read it). */
  autoStorage?: StorageAccountAccess;
  /** The account's ARM applications (`LocalArm.applications.forAccount(name)`); none without. */
  applications?: AccountApplications;
}

export interface BatchAccountHandle {
  /** The account endpoint (bare origin) to give a Batch SDK. */
  url: string;
  runtimeInfo: RuntimeInfo;
  close(): Promise<void>;
}

/** Start an account: load its store, resume pools and requeue interrupted tasks, listen. */
export async function startBatchAccount(opts: BatchAccountOptions): Promise<BatchAccountHandle> {
  await ensurePrivateDir(opts.dataDir);
  const box = await SecretBox.open(join(opts.dataDir, "secrets.key"));
  const store = await LevelStore.open(join(opts.dataDir, "store"));
  const state = new AccountState(store, box);
  await state.load();
  const runtime = opts.runtime ?? createProcessRuntime({ stateDir: join(opts.dataDir, "runtime") });
  const executionPrefix = `bx-${opts.name.toLowerCase()}-`;
  await runtime.cleanup?.(executionPrefix).catch(() => undefined);

  const host = opts.host ?? "127.0.0.1";
  // Requests are served once the account is assembled below (the URL is not known to anyone before).
  const handler: { pipeline?: ReturnType<typeof createPipeline> } = {};
  let server: Server | undefined = createServer((req, res) => void handler.pipeline?.(req, res));
  await new Promise<void>((resolve, reject) => {
    server!.once("error", reject);
    server!.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const publicUrl = (opts.publicUrl ?? `http://${host.includes(":") ? `[${host}]` : host}:${port}`).replace(
    /\/+$/,
    "",
  );

  const maxConcurrent = opts.maxConcurrentTasks ?? Math.max(2, cpus().length * 2);
  const config: EngineConfig = {
    accountName: opts.name,
    region: opts.region,
    dataDir: opts.dataDir,
    publicUrl,
    supportedImages: opts.supportedImages,
    galleryLookup: opts.galleryLookup,
    runtime,
    timeScale: {
      nodeAllocateMs: 1500,
      nodeBootMs: 1500,
      stepMs: 500,
      scheduleMinuteMs: 60_000,
      ...opts.timeScale,
    },
    autoStorage: opts.autoStorage,
    applications: opts.applications,
    executionPrefix,
  };
  // The moving parts, wired here and only here: the scheduler reports drained nodes to the
  // drains the lifecycle waits on; the lifecycle asks the scheduler to place and stop tasks.
  const engine: Engine = {
    config,
    state,
    gate: new ConcurrencyGate(maxConcurrent),
    agentLog: new NodeAgentLog(),
  };
  const background = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    const p = work.catch(() => undefined).finally(() => background.delete(p));
    background.add(p);
  };
  const drains = new NodeDrains();
  const retention = new TaskRetention(engine);
  const jobTasks = new JobNodeTasks(engine);
  const scheduler = new TaskScheduler(engine, drains, retention, jobTasks);
  const lifecycle = new NodeLifecycle(engine, scheduler, drains);
  const deadlines = new JobDeadlines(engine, scheduler, track);
  const services: Services = { engine, lifecycle, scheduler, deadlines, track };

  rebaseUrls(engine);
  lifecycle.recover();
  scheduler.recover();
  jobTasks.recover();
  deadlines.recover();
  for (const work of resumeJobWork(engine, scheduler)) track(work);
  const clock = new ScheduleClock(engine, scheduler, deadlines);
  for (const unfinished of clock.start())
    track(unfinished.wire.state === "deleting" ? clock.delete(unfinished) : clock.terminate(unfinished));

  const router = new Router();
  for (const register of [
    registerAccountRoutes,
    registerPoolRoutes,
    registerNodeRoutes,
    registerJobRoutes,
    registerTaskRoutes,
    registerFileRoutes,
  ])
    register(router, services);
  registerJobScheduleRoutes(router, services, clock);
  const runtimeInfo = runtime.info();
  handler.pipeline = createPipeline({
    router,
    credentials: {
      account: opts.name,
      key: Buffer.from(opts.key, "base64"),
      bearer: opts.bearer ? createBearerVerifier(opts.bearer) : undefined,
    },
    authorization: opts.authorization,
    baseUrl: () => publicUrl,
    info: () => ({
      emulator: "batch-studio",
      version: EMULATOR_VERSION,
      account: opts.name,
      region: opts.region,
      apiVersion: API_VERSION,
      url: publicUrl,
      runtime: runtimeInfo,
      maxConcurrentTasks: maxConcurrent,
    }),
    onError: (err, requestId) => console.error(`[batch ${opts.name}] request ${requestId} failed:`, err),
  });
  // Holds the account key.
  await writePrivateFile(
    join(opts.dataDir, "endpoints.json"),
    JSON.stringify(
      {
        account: opts.name,
        url: publicUrl,
        key: opts.key,
        region: opts.region,
        apiVersion: API_VERSION,
        runtime: runtimeInfo,
      },
      null,
      2,
    ),
  );

  let closed: Promise<void> | undefined;
  return {
    url: publicUrl,
    runtimeInfo,
    close: () =>
      (closed ??= (async () => {
        const s = server!;
        server = undefined;
        const stopped = new Promise<void>((resolve) => s.close(() => resolve()));
        s.closeAllConnections();
        lifecycle.close();
        deadlines.close();
        await clock.stop();
        await scheduler.stop();
        retention.close();
        await Promise.allSettled([...background]);
        await stopped;
        await store.close();
      })()),
  };
}

/** Stored url fields carry the address of the run that wrote them; point them at this run's. */
function rebaseUrls(engine: Engine): void {
  const { state, config } = engine;
  for (const pool of state.pools.values()) {
    pool.wire.url = entityUrl(config, "pools", pool.wire.id);
    for (const node of state.nodesOf(pool.wire.id.toLowerCase()).values())
      node.wire.url = nodeUrl(engine, pool, node);
  }
  for (const schedule of state.schedules.values()) {
    schedule.wire.url = entityUrl(config, "jobschedules", schedule.wire.id);
    const recent = schedule.wire.executionInfo.recentJob;
    if (recent) recent.url = entityUrl(config, "jobs", recent.id);
  }
  for (const job of state.jobs.values()) {
    job.wire.url = entityUrl(config, "jobs", job.wire.id);
    for (const entry of Object.values(job.preparedNodes ?? {})) {
      entry.nodeUrl = entityUrl(config, "pools", entry.poolId, "nodes", entry.nodeId);
      for (const info of [entry.jobPreparationTaskExecutionInfo, entry.jobReleaseTaskExecutionInfo])
        if (info) info.taskRootDirectoryUrl = `${entry.nodeUrl}/files/${info.taskRootDirectory}`;
    }
    for (const task of state.tasksOf(job.wire.id.toLowerCase()).values()) {
      task.wire.url = entityUrl(config, "jobs", job.wire.id, "tasks", task.wire.id);
      const info = task.wire.nodeInfo;
      if (info) {
        info.nodeUrl = entityUrl(config, "pools", info.poolId, "nodes", info.nodeId);
        info.taskRootDirectoryUrl = `${info.nodeUrl}/files/${taskRelDir(job.wire.id, task.wire.id)}`;
      }
    }
  }
}
