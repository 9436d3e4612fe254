import type { Request, Response } from "express";
import {
  apiPaths,
  fromCloudPool,
  hasErrors,
  problemCodes,
  validatePool,
  validateStartTaskUpdate,
  validateTask,
  type ApiRouteName,
  type ImageInspectRequest,
  type JobSpec,
  type Me,
  type PoolSpec,
  type RegistryTestRequest,
  type ResizePoolRequest,
  type RuntimeConfig,
  type SetGalleryReplicasRequest,
  type SetStartTaskRequest,
  type TaskListQuery,
  type TaskSpec,
  type TerminateRequest,
  type ValidationResponse,
  type VmSizesResponse,
} from "@batch-studio/shared";
import type { DownloadTickets } from "../files/download-tickets";
import { mintDownloadTicket, serveDownload, serveFileRange, serveFollow } from "../files/file-routes";
import { serveFileSearch, type SearchQuery } from "../files/file-search";
import { problem, validationProblem } from "../http/problem";
import { ENV } from "../config";
import type { OperatorScope } from "../services/operator-scope";

type RangeQuery = { path: string; start?: number; end?: number };

export interface HandlerContext {
  req: Request;
  res: Response;
  scope: OperatorScope;
  params: Record<string, string>;
  query: unknown;
  body: unknown;
  /** Single-use download tickets (minted by the *FileDownloadTicket routes, spent by *FileTicketDownload). */
  tickets: DownloadTickets;
}

/** A handler returns the JSON body (sent with the route's status), or handles `res` itself and returns undefined. */
export type Handler = (ctx: HandlerContext) => Promise<unknown>;

const listOf = <T>(items: T[]) => ({ items });

const emulatorNote = (runtime: string) => ({
  emulator: true as const,
  runtime,
  message:
    runtime === "process"
      ? "This is the local emulator. No Docker Engine was found, so tasks run as plain host processes without container isolation."
      : "This is the local emulator. Tasks run in real Docker containers on this machine.",
});

const taskFiles = async ({ scope, params }: HandlerContext) =>
  (await scope.batch(params.account!)).taskFiles(params.job!, params.task!);
const nodeFiles = async ({ scope, params }: HandlerContext) =>
  (await scope.batch(params.account!)).nodeFiles(params.pool!, params.node!);

/** Runs the live checks and the shared rules; the same answer /validate gives and create enforces. */
const checkPool = async ({ scope, params }: HandlerContext, spec: PoolSpec): Promise<ValidationResponse> => {
  const account = await scope.account(params.account!);
  const batch = await scope.batch(params.account!);
  const arm = scope.services.config.accounts.discovery === "arm" ? scope.arm() : undefined;
  const facts = await scope.services.validation.poolFacts(spec, { batch, account, arm, logger: scope.logger });
  const issues = validatePool(spec, facts);
  return { issues, facts, ok: !hasErrors(issues) };
};

const checkTask = async ({ scope, params }: HandlerContext, jobId: string, spec: TaskSpec): Promise<ValidationResponse> => {
  const batch = await scope.batch(params.account!);
  const facts = await scope.services.validation.taskFacts(jobId, spec, { batch, logger: scope.logger });
  const issues = validateTask(spec, facts);
  return { issues, facts, ok: !hasErrors(issues) };
};

const blockOnErrors = (check: ValidationResponse, what: string) => {
  if (!check.ok) throw validationProblem(check.issues, `The ${what} has problems to fix before it can be created`);
};

export const handlers: Record<ApiRouteName, Handler> = {
  health: async () => ({ status: "ok", version: "0.1.0" }),
  openapi: async () => undefined, // mounted by the app (needs the generated document)
  config: async ({ scope }): Promise<RuntimeConfig> => {
    const { spa, authority, knownAuthorities, authorityMetadata } = scope.services.config;
    if (spa === undefined) throw problem(404, problemCodes.notFound, `SPA sign-in is not configured: set ${ENV.spaClientId}`);
    const auth: RuntimeConfig["auth"] = { clientId: spa.clientId, authority, knownAuthorities, scopes: [spa.apiScope] };
    if (authorityMetadata !== undefined) auth.authorityMetadata = authorityMetadata;
    return { auth };
  },
  emulator: async ({ scope }) => {
    const runtime = scope.services.config.emulatorRuntime;
    if (runtime === undefined) throw problem(404, problemCodes.notFound, "The backend is Azure, not the local emulator");
    return emulatorNote(runtime);
  },
  me: async ({ scope }): Promise<Me> => {
    const o = scope.operator;
    const me: Me = { oid: o.oid, tenantId: o.tenantId, scopes: o.scopes };
    if (o.name !== undefined) me.name = o.name;
    if (o.username !== undefined) me.username = o.username;
    return me;
  },

  accounts: async ({ scope }) => scope.services.accounts.list(scope.arm()),
  catalogImages: async ({ scope, params }) => listOf(await (await scope.batch(params.account!)).listSupportedImages()),
  catalogVmSizes: async ({ scope, params }) => {
    const account = await scope.account(params.account!);
    const sizes = await scope.arm().listVmSizes(account.subscriptionId, account.location);
    const perFamily = new Map((account.quotas.dedicatedCoreQuotaPerVmFamily ?? []).map((f) => [f.family.toLowerCase(), f.coreQuota]));
    const enforced = account.quotas.dedicatedCoreQuotaPerVmFamilyEnforced === true;
    const out: VmSizesResponse = {
      items: sizes.map((s) => {
        const quota = perFamily.get(s.family.toLowerCase());
        return quota !== undefined ? { ...s, familyCoreQuota: quota } : s;
      }),
      perFamilyEnforced: enforced,
    };
    if (account.quotas.dedicatedCoreQuota !== undefined) out.dedicatedCoreQuota = account.quotas.dedicatedCoreQuota;
    if (account.quotas.lowPriorityCoreQuota !== undefined) out.lowPriorityCoreQuota = account.quotas.lowPriorityCoreQuota;
    return out;
  },
  galleries: async ({ scope, params }) => listOf(await scope.arm().listGalleries(params.subscription!)),
  galleryImages: async ({ scope, params }) => listOf(await scope.arm().listGalleryImages(params.subscription!, params.resourceGroup!, params.gallery!)),
  galleryImageVersions: async ({ scope, params }) =>
    listOf(await scope.arm().listGalleryImageVersions(params.subscription!, params.resourceGroup!, params.gallery!, params.image!)),
  setGalleryReplicas: async ({ scope, params, body }) =>
    scope.arm().setRegionalReplicas(params.subscription!, params.resourceGroup!, params.gallery!, params.image!, params.version!, body as SetGalleryReplicasRequest),

  pools: async ({ scope, params }) => listOf(await (await scope.batch(params.account!)).listPools()),
  createPool: async (ctx) => {
    const spec = ctx.body as PoolSpec;
    blockOnErrors(await checkPool(ctx, spec), "pool");
    return (await ctx.scope.batch(ctx.params.account!)).addPool(spec);
  },
  pool: async ({ scope, params }) => (await scope.batch(params.account!)).getPool(params.pool!),
  deletePool: async ({ scope, params }) => (await scope.batch(params.account!)).deletePool(params.pool!),
  resizePool: async ({ scope, params, body }) => (await scope.batch(params.account!)).resizePool(params.pool!, body as ResizePoolRequest),
  setPoolStartTask: async ({ scope, params, body }) => {
    const batch = await scope.batch(params.account!);
    const { startTask } = body as SetStartTaskRequest;
    // The pool decides what the start task may be (container settings need a container pool).
    const pool = await batch.getCloudPool(params.pool!);
    const vm = pool.virtualMachineConfiguration;
    const issues = validateStartTaskUpdate(startTask, { isContainerPool: vm?.containerConfiguration !== undefined, nodeAgentSkuId: vm?.nodeAgentSKUId });
    if (hasErrors(issues)) throw validationProblem(issues, "The start task has problems to fix before it can be saved");
    return batch.setPoolStartTask(params.pool!, startTask, pool.startTask);
  },
  poolSpec: async ({ scope, params }) => {
    const cloud = await (await scope.batch(params.account!)).getCloudPool(params.pool!);
    const result = fromCloudPool(cloud);
    if (!result.ok) throw problem(422, "not_clonable", "This pool cannot be expressed as a spec", { detail: result.reason });
    return { spec: result.spec, reentry: result.reentry, ignored: result.ignored };
  },
  nodes: async ({ scope, params }) => listOf(await (await scope.batch(params.account!)).listNodes(params.pool!)),
  node: async ({ scope, params }) => (await scope.batch(params.account!)).getNode(params.pool!, params.node!),
  rebootNode: async ({ scope, params }) => (await scope.batch(params.account!)).rebootNode(params.pool!, params.node!),
  nodeFiles: async (ctx) => listOf(await (await nodeFiles(ctx)).list((ctx.query as { path?: string }).path)),
  nodeFileContent: async (ctx) => serveFileRange(await nodeFiles(ctx), ctx.query as RangeQuery, ctx.res),
  nodeFileFollow: async (ctx) =>
    serveFollow(await nodeFiles(ctx), ctx.query as { path: string; from: number }, ctx.req, ctx.res, { intervalMs: ctx.scope.services.followIntervalMs }),
  nodeFileSearch: async (ctx) => serveFileSearch(await nodeFiles(ctx), ctx.query as SearchQuery, ctx.res),
  nodeFileDownload: async (ctx) => serveDownload(await nodeFiles(ctx), ctx.query as { path: string }, ctx.res),
  nodeFileDownloadTicket: async (ctx) => {
    const { account, pool, node } = ctx.params as { account: string; pool: string; node: string };
    const { path } = ctx.query as { path: string };
    return mintDownloadTicket(await nodeFiles(ctx), ctx.tickets, ctx.scope.operator, ctx.params, path, (ticket) => apiPaths.nodeFileTicketDownload(account, pool, node, { path, ticket }), ctx.res);
  },
  // Authorised by ticketAuth (app.ts) instead of a bearer token; then the same stream as above.
  nodeFileTicketDownload: async (ctx) => serveDownload(await nodeFiles(ctx), ctx.query as { path: string }, ctx.res),

  jobs: async ({ scope, params }) => listOf(await (await scope.batch(params.account!)).listJobs()),
  createJob: async ({ scope, params, body }) => (await scope.batch(params.account!)).addJob(body as JobSpec),
  job: async ({ scope, params }) => (await scope.batch(params.account!)).getJob(params.job!),
  terminateJob: async ({ scope, params, body }) => (await scope.batch(params.account!)).terminateJob(params.job!, (body as TerminateRequest).reason),
  deleteJob: async ({ scope, params }) => (await scope.batch(params.account!)).deleteJob(params.job!),
  taskCounts: async ({ scope, params }) => (await scope.batch(params.account!)).taskCounts(params.job!),

  tasks: async ({ scope, params, query }) => {
    const q = query as Required<Pick<TaskListQuery, "pageSize">> & TaskListQuery;
    const filter: { state?: string; exitCode?: number; exitCodeMin?: number; exitCodeMax?: number } = {};
    if (q.state !== undefined) filter.state = q.state;
    if (q.exitCode !== undefined) filter.exitCode = Number(q.exitCode);
    if (q.exitCodeMin !== undefined) filter.exitCodeMin = Number(q.exitCodeMin);
    if (q.exitCodeMax !== undefined) filter.exitCodeMax = Number(q.exitCodeMax);
    return (await scope.batch(params.account!)).listTasks(params.job!, filter, Number(q.pageSize), q.cursor);
  },
  addTask: async (ctx) => {
    const spec = ctx.body as TaskSpec;
    blockOnErrors(await checkTask(ctx, ctx.params.job!, spec), "task");
    return (await ctx.scope.batch(ctx.params.account!)).addTask(ctx.params.job!, spec);
  },
  task: async ({ scope, params }) => (await scope.batch(params.account!)).getTask(params.job!, params.task!),
  deleteTask: async ({ scope, params }) => (await scope.batch(params.account!)).deleteTask(params.job!, params.task!),
  terminateTask: async ({ scope, params }) => (await scope.batch(params.account!)).terminateTask(params.job!, params.task!),
  taskFiles: async (ctx) => listOf(await (await taskFiles(ctx)).list((ctx.query as { path?: string }).path)),
  taskFileContent: async (ctx) => serveFileRange(await taskFiles(ctx), ctx.query as RangeQuery, ctx.res),
  taskFileFollow: async (ctx) =>
    serveFollow(await taskFiles(ctx), ctx.query as { path: string; from: number }, ctx.req, ctx.res, { intervalMs: ctx.scope.services.followIntervalMs }),
  taskFileSearch: async (ctx) => serveFileSearch(await taskFiles(ctx), ctx.query as SearchQuery, ctx.res),
  taskFileDownload: async (ctx) => serveDownload(await taskFiles(ctx), ctx.query as { path: string }, ctx.res),
  taskFileDownloadTicket: async (ctx) => {
    const { account, job, task } = ctx.params as { account: string; job: string; task: string };
    const { path } = ctx.query as { path: string };
    return mintDownloadTicket(await taskFiles(ctx), ctx.tickets, ctx.scope.operator, ctx.params, path, (ticket) => apiPaths.taskFileTicketDownload(account, job, task, { path, ticket }), ctx.res);
  },
  // Authorised by ticketAuth (app.ts) instead of a bearer token; then the same stream as above.
  taskFileTicketDownload: async (ctx) => serveDownload(await taskFiles(ctx), ctx.query as { path: string }, ctx.res),

  validatePool: async (ctx) => checkPool(ctx, ctx.body as PoolSpec),
  validateTask: async (ctx) => {
    const body = ctx.body as { jobId: string; task: TaskSpec };
    return checkTask(ctx, body.jobId, body.task);
  },
  registryTest: async ({ scope, body }) => {
    const b = body as RegistryTestRequest;
    const credentials: { username?: string; password?: string } = {};
    if (b.username !== undefined) credentials.username = b.username;
    if (b.password !== undefined) credentials.password = b.password;
    return scope.services.probe.testLogin(b.server, credentials);
  },
  registryInspect: async ({ scope, body }) => {
    const b = body as ImageInspectRequest;
    const credentials: { username?: string; password?: string } = {};
    if (b.registry?.username !== undefined) credentials.username = b.registry.username;
    if (b.registry?.password !== undefined) credentials.password = b.registry.password;
    return scope.services.probe.inspectImage(b.reference, credentials);
  },
};
