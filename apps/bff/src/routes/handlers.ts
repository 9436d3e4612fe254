import {
  apiUrl,
  fromCloudPool,
  hasErrors,
  parseAccountId,
  refusedRoutes,
  problemCodes,
  parseParts,
  parsePoolParts,
  TaskSpec,
  validatePoolDraft,
  validateStartTaskUpdate,
  validateJob,
  validateJobSchedule,
  validateTask,
  parseIsoDuration,
  validateTaskInput,
  type JobScheduleSpec,
  type JobSpec,
  type Me,
  type RuntimeConfig,
  type ValidationResponse,
  type VmSizesResponse,
} from "@batch-studio/shared";
import { mintDownloadTicket, serveDownload, serveFileRange, serveFollow } from "../files/file-routes";
import { serveFileSearch } from "../files/file-search";
import { problem, validationProblem } from "../http/problem";
import { buildOpenApiDocument } from "../openapi";
import { ENV } from "../config";
import { accountApplications } from "../services/account-applications";
import type { ApplicationsLookup } from "../services/live-validation";
import type { OperatorScope } from "../services/operator-scope";
import type { Handlers } from "./handler-types";
import { reclaimAccountStorage, savedOutputFiles, signOutputs, taskDestinations } from "./output-storage";
import { MAX_SAS_MS, outputSasExpiry } from "../storage/account-storage";
import { listSavedOutputs } from "../storage/saved-outputs";
import { jobOutputFiles } from "../storage/signed-destinations";

const listOf = <T>(items: T[]) => ({ items });

const emulatorNote = (runtime: string) => ({
  emulator: true as const,
  runtime,
  message:
    runtime === "process"
      ? "This is the local emulator. No Docker Engine was found, so tasks run as plain host processes without container isolation."
      : "This is the local emulator. Tasks run in real Docker containers on this machine.",
});

const taskFiles = async (scope: OperatorScope, p: { account: string; job: string; task: string }) =>
  (await scope.batch(p.account)).taskFiles(p.job, p.task);
const nodeFiles = async (scope: OperatorScope, p: { account: string; pool: string; node: string }) =>
  (await scope.batch(p.account)).nodeFiles(p.pool, p.node);

/** The account's applications, read only if the spec being checked references packages. */
const applicationsOf = (scope: OperatorScope, accountId: string): ApplicationsLookup => () => accountApplications(scope, accountId);

/**
 * Runs the live checks and the shared rules; the same answer /validate gives and create enforces.
 * A draft (a form not filled in yet) gets the checks and rules of its valid parts.
 */
const checkPool = async (scope: OperatorScope, accountId: string, draft: unknown): Promise<ValidationResponse> => {
  const account = await scope.account(accountId);
  const batch = await scope.batch(accountId);
  const arm = scope.services.config.accounts.discovery === "arm" ? scope.arm() : undefined;
  const facts = await scope.services.validation.poolFacts(parsePoolParts(draft).parts, { batch, account, arm, logger: scope.logger, applications: applicationsOf(scope, accountId) });
  const issues = validatePoolDraft(draft, facts);
  return { issues, facts, ok: !hasErrors(issues) };
};

const checkTask = async (scope: OperatorScope, accountId: string, jobId: string, draft: unknown): Promise<ValidationResponse> => {
  const batch = await scope.batch(accountId);
  const facts = await scope.services.validation.taskFacts(jobId, parseParts(TaskSpec, draft).parts, { batch, logger: scope.logger, applications: applicationsOf(scope, accountId) });
  const issues = validateTaskInput(draft, facts);
  return { issues, facts, ok: !hasErrors(issues) };
};

const checkJob = async (scope: OperatorScope, accountId: string, spec: JobSpec): Promise<ValidationResponse> => {
  const batch = await scope.batch(accountId);
  const facts = await scope.services.validation.jobFacts(spec, { batch, logger: scope.logger, applications: applicationsOf(scope, accountId) });
  const issues = validateJob(spec, facts);
  return { issues, facts, ok: !hasErrors(issues) };
};

const checkJobSchedule = async (scope: OperatorScope, accountId: string, spec: JobScheduleSpec): Promise<ValidationResponse> => {
  const batch = await scope.batch(accountId);
  const facts = await scope.services.validation.jobScheduleFacts(spec, { batch, logger: scope.logger, applications: applicationsOf(scope, accountId) });
  const issues = validateJobSchedule(spec, facts);
  return { issues, facts, ok: !hasErrors(issues) };
};

/** A registry login as the probe takes it: only the credentials that were given. */
const credentialsOf = (c: { username?: string | undefined; password?: string | undefined } | undefined) => {
  const out: { username?: string; password?: string } = {};
  if (c?.username !== undefined) out.username = c.username;
  if (c?.password !== undefined) out.password = c.password;
  return out;
};

/** The OpenAPI document never changes while the process runs: built on first ask, then reused. */
let openapiDocument: Record<string, unknown> | undefined;

const blockOnErrors = (check: ValidationResponse, what: string) => {
  if (!check.ok) throw validationProblem(check.issues, `The ${what} has problems to fix before it can be created`);
};

export const handlers: Handlers = {
  health: async () => ({ status: "ok", version: "0.1.0" }),
  openapi: async () => (openapiDocument ??= buildOpenApiDocument()),
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
  permissions: async ({ scope, params }) => {
    // The account's resource id comes from its id alone: someone who may not read the account still learns what they hold.
    const c = parseAccountId(params.account);
    if (!c) throw problem(400, problemCodes.validationFailed, "The account id is not an account id");
    const id = `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/Microsoft.Batch/batchAccounts/${c.accountName}`;
    const blocks = await scope.arm().permissionsAt(id);
    return { blocks, refused: refusedRoutes(blocks) };
  },
  catalogImages: async ({ scope, params }) => listOf(await (await scope.batch(params.account)).listSupportedImages()),
  catalogVmSizes: async ({ scope, params }) => {
    const account = await scope.account(params.account);
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
  applications: async ({ scope, params }) => listOf(await accountApplications(scope, params.account)),
  galleries: async ({ scope, params }) => listOf(await scope.arm().listGalleries(params.subscription)),
  galleryImages: async ({ scope, params: p }) => listOf(await scope.arm().listGalleryImages(p.subscription, p.resourceGroup, p.gallery)),
  galleryImageVersions: async ({ scope, params: p }) =>
    listOf(await scope.arm().listGalleryImageVersions(p.subscription, p.resourceGroup, p.gallery, p.image)),
  setGalleryReplicas: async ({ scope, params: p, body }) =>
    scope.arm().setRegionalReplicas(p.subscription, p.resourceGroup, p.gallery, p.image, p.version, body),

  pools: async ({ scope, params }) => listOf(await (await scope.batch(params.account)).listPools()),
  createPool: async ({ scope, params, body }) => {
    blockOnErrors(await checkPool(scope, params.account, body), "pool");
    return (await scope.batch(params.account)).addPool(body);
  },
  pool: async ({ scope, params }) => (await scope.batch(params.account)).getPool(params.pool),
  deletePool: async ({ scope, params }) => (await scope.batch(params.account)).deletePool(params.pool),
  resizePool: async ({ scope, params, body }) => (await scope.batch(params.account)).resizePool(params.pool, body),
  setPoolStartTask: async ({ scope, params, body: { startTask } }) => {
    const batch = await scope.batch(params.account);
    // The pool decides what the start task may be (container settings need a container pool).
    const pool = await batch.getCloudPool(params.pool);
    const vm = pool.virtualMachineConfiguration;
    const issues = validateStartTaskUpdate(startTask, { isContainerPool: vm?.containerConfiguration !== undefined, nodeAgentSkuId: vm?.nodeAgentSKUId });
    if (hasErrors(issues)) throw validationProblem(issues, "The start task has problems to fix before it can be saved");
    return batch.setPoolStartTask(params.pool, startTask, pool.startTask);
  },
  poolSpec: async ({ scope, params }) => {
    const cloud = await (await scope.batch(params.account)).getCloudPool(params.pool);
    const result = fromCloudPool(cloud);
    if (!result.ok) throw problem(422, "not_clonable", "This pool cannot be expressed as a spec", { detail: result.reason });
    return { spec: result.spec, reentry: result.reentry, ignored: result.ignored };
  },
  nodes: async ({ scope, params }) => listOf(await (await scope.batch(params.account)).listNodes(params.pool)),
  node: async ({ scope, params }) => (await scope.batch(params.account)).getNode(params.pool, params.node),
  rebootNode: async ({ scope, params }) => (await scope.batch(params.account)).rebootNode(params.pool, params.node),
  nodeFiles: async ({ scope, params, query }) => listOf(await (await nodeFiles(scope, params)).list(query.path)),
  nodeFileContent: async ({ scope, params, query, res }) => serveFileRange(await nodeFiles(scope, params), query, res),
  nodeFileFollow: async ({ scope, params, query, req, res }) =>
    serveFollow(await nodeFiles(scope, params), query, req, res, { intervalMs: scope.services.followIntervalMs }),
  nodeFileSearch: async ({ scope, params, query, res }) => serveFileSearch(await nodeFiles(scope, params), query, res),
  nodeFileDownloadTicket: async ({ scope, params, query: { path }, tickets, res }) =>
    mintDownloadTicket(await nodeFiles(scope, params), tickets, scope.operator, params, path, (ticket) => apiUrl("nodeFileTicketDownload", params, { path, ticket }), res),
  // Authorised by ticketAuth (app.ts) instead of a bearer token; then the same stream as above.
  nodeFileTicketDownload: async ({ scope, params, query, res }) => serveDownload(await nodeFiles(scope, params), query, res),

  jobs: async ({ scope, params }) => listOf(await (await scope.batch(params.account)).listJobs()),
  createJob: async ({ scope, params, body }) => {
    blockOnErrors(await checkJob(scope, params.account, body), "job");
    const sign = await signOutputs(scope, params.account, jobOutputFiles(body), outputSasExpiry(new Date(), body.jobManagerTask?.constraints?.maxWallClockTime));
    return (await scope.batch(params.account)).addJob(body, sign);
  },
  job: async ({ scope, params }) => (await scope.batch(params.account)).getJob(params.job),
  jobSpec: async ({ scope, params }) => {
    const read = await (await scope.batch(params.account)).getJobSpec(params.job);
    const manager = read.spec.jobManagerTask;
    if (!manager) return read;
    const reclaim = await reclaimAccountStorage(scope, params.account, [manager.outputFiles]);
    return { ...read, spec: { ...read.spec, jobManagerTask: { ...manager, outputFiles: reclaim(manager.outputFiles) } } };
  },
  updateJob: async ({ scope, params, body }) => {
    const batch = await scope.batch(params.account);
    // Checked as the whole it becomes (a new pool is judged with its facts, constraints with the job's tasks).
    const { spec } = await batch.getJobSpec(params.job);
    const { eTag: _version, poolId, ...fields } = body;
    const check = await checkJob(scope, params.account, { ...spec, ...fields, poolId: poolId ?? spec.poolId });
    if (!check.ok) throw validationProblem(check.issues, "The job has problems to fix before it can be saved");
    return batch.patchJob(params.job, body);
  },
  terminateJob: async ({ scope, params, body }) => (await scope.batch(params.account)).terminateJob(params.job, body.reason),
  deleteJob: async ({ scope, params }) => (await scope.batch(params.account)).deleteJob(params.job),
  disableJob: async ({ scope, params, body }) => (await scope.batch(params.account)).disableJob(params.job, body.disableTasks),
  enableJob: async ({ scope, params }) => (await scope.batch(params.account)).enableJob(params.job),
  jobNodeTaskStatus: async ({ scope, params }) => listOf(await (await scope.batch(params.account)).jobNodeTaskStatus(params.job)),
  taskCounts: async ({ scope, params }) => (await scope.batch(params.account)).taskCounts(params.job),

  jobSchedules: async ({ scope, params }) => listOf(await (await scope.batch(params.account)).listJobSchedules()),
  createJobSchedule: async ({ scope, params, body }) => {
    blockOnErrors(await checkJobSchedule(scope, params.account, body), "job schedule");
    // The schedule's jobs come later: their SAS is signed for the longest a SAS lives here.
    const sign = await signOutputs(scope, params.account, jobOutputFiles(body.jobSpecification), new Date(Date.now() + MAX_SAS_MS));
    return (await scope.batch(params.account)).addJobSchedule(body, sign);
  },
  jobSchedule: async ({ scope, params }) => (await scope.batch(params.account)).getJobSchedule(params.jobSchedule),
  jobScheduleSpec: async ({ scope, params }) => ({ spec: await (await scope.batch(params.account)).getJobScheduleSpec(params.jobSchedule) }),
  updateJobSchedule: async ({ scope, params, body }) => {
    const batch = await scope.batch(params.account);
    // Checked as the whole it becomes: a new doNotRunAfter is compared with the kept doNotRunUntil.
    const current = await batch.getJobScheduleSpec(params.jobSchedule);
    const next: JobScheduleSpec = {
      ...current,
      schedule: body.schedule ?? current.schedule,
      jobSpecification: body.jobSpecification ?? current.jobSpecification,
      metadata: body.metadata ?? current.metadata,
    };
    const check = await checkJobSchedule(scope, params.account, next);
    if (!check.ok) throw validationProblem(check.issues, "The job schedule has problems to fix before it can be saved");
    const sign = await signOutputs(scope, params.account, jobOutputFiles(body.jobSpecification), new Date(Date.now() + MAX_SAS_MS));
    return batch.patchJobSchedule(params.jobSchedule, body, sign);
  },
  disableJobSchedule: async ({ scope, params }) => (await scope.batch(params.account)).disableJobSchedule(params.jobSchedule),
  enableJobSchedule: async ({ scope, params }) => (await scope.batch(params.account)).enableJobSchedule(params.jobSchedule),
  terminateJobSchedule: async ({ scope, params }) => (await scope.batch(params.account)).terminateJobSchedule(params.jobSchedule),
  deleteJobSchedule: async ({ scope, params }) => (await scope.batch(params.account)).deleteJobSchedule(params.jobSchedule),
  jobScheduleJobs: async ({ scope, params }) => listOf(await (await scope.batch(params.account)).listJobScheduleJobs(params.jobSchedule)),

  tasks: async ({ scope, params, query: { pageSize, cursor, ...filter } }) =>
    (await scope.batch(params.account)).listTasks(params.job, filter, pageSize, cursor),
  addTask: async ({ scope, params, body }) => {
    blockOnErrors(await checkTask(scope, params.account, params.job, body), "task");
    const sign = await signOutputs(scope, params.account, [body.outputFiles], outputSasExpiry(new Date(), body.constraints.maxWallClockTime));
    return (await scope.batch(params.account)).addTask(params.job, body, sign);
  },
  addTasks: async ({ scope, params, body: { tasks } }) => {
    // One facts lookup for the whole request (a sweep's tasks share their pool and, mostly, their image).
    const check = await checkTask(scope, params.account, params.job, tasks[0]);
    const issues = tasks.flatMap((t, i) => validateTask(t, check.facts).map((issue) => ({ ...issue, path: ["tasks", i, ...issue.path] })));
    if (hasErrors(issues)) throw validationProblem(issues, "Some tasks have problems to fix before they can be added");
    // One SAS per container for the whole request, living as long as the longest-running task needs.
    const longest = tasks.reduce<string | undefined>((best, t) => {
      const w = t.constraints.maxWallClockTime;
      return w !== undefined && (parseIsoDuration(w) ?? 0) > (best === undefined ? -1 : (parseIsoDuration(best) ?? 0)) ? w : best;
    }, undefined);
    const sign = await signOutputs(scope, params.account, tasks.map((t) => t.outputFiles), outputSasExpiry(new Date(), longest));
    return { results: await (await scope.batch(params.account)).addTaskCollection(params.job, tasks, sign) };
  },
  task: async ({ scope, params }) => (await scope.batch(params.account)).getTask(params.job, params.task),
  taskSpec: async ({ scope, params }) => {
    const spec = await (await scope.batch(params.account)).getTaskSpec(params.job, params.task);
    const reclaim = await reclaimAccountStorage(scope, params.account, [spec.outputFiles]);
    return { spec: { ...spec, outputFiles: reclaim(spec.outputFiles) } };
  },
  deleteTask: async ({ scope, params }) => (await scope.batch(params.account)).deleteTask(params.job, params.task),
  terminateTask: async ({ scope, params }) => (await scope.batch(params.account)).terminateTask(params.job, params.task),
  reactivateTask: async ({ scope, params }) => (await scope.batch(params.account)).reactivateTask(params.job, params.task),
  taskFiles: async ({ scope, params, query }) => listOf(await (await taskFiles(scope, params)).list(query.path)),
  taskFileContent: async ({ scope, params, query, res }) => serveFileRange(await taskFiles(scope, params), query, res),
  taskFileFollow: async ({ scope, params, query, req, res }) =>
    serveFollow(await taskFiles(scope, params), query, req, res, { intervalMs: scope.services.followIntervalMs }),
  taskFileSearch: async ({ scope, params, query, res }) => serveFileSearch(await taskFiles(scope, params), query, res),
  taskFileDownloadTicket: async ({ scope, params, query: { path }, tickets, res }) =>
    mintDownloadTicket(await taskFiles(scope, params), tickets, scope.operator, params, path, (ticket) => apiUrl("taskFileTicketDownload", params, { path, ticket }), res),
  // Authorised by ticketAuth (app.ts) instead of a bearer token; then the same stream as above.
  taskFileTicketDownload: async ({ scope, params, query, res }) => serveDownload(await taskFiles(scope, params), query, res),

  taskSavedOutputs: async ({ scope, params }) => {
    const destinations = await taskDestinations(scope, params);
    const items = (await Promise.all(destinations.map(listSavedOutputs))).flat();
    return { destinations: destinations.map((d) => d.info), items };
  },
  taskSavedOutputFileContent: async ({ scope, params, query, res }) => serveFileRange(await savedOutputFiles(scope, params), query, res),
  taskSavedOutputFileSearch: async ({ scope, params, query, res }) => serveFileSearch(await savedOutputFiles(scope, params), query, res),
  taskSavedOutputFileDownloadTicket: async ({ scope, params, query: { path }, tickets, res }) =>
    mintDownloadTicket(await savedOutputFiles(scope, params), tickets, scope.operator, params, path, (ticket) => apiUrl("taskSavedOutputFileTicketDownload", params, { path, ticket }), res),
  taskSavedOutputFileTicketDownload: async ({ scope, params, query, res }) => serveDownload(await savedOutputFiles(scope, params), query, res),

  validatePool: async ({ scope, params, body }) => checkPool(scope, params.account, body),
  validateTask: async ({ scope, params, body }) => checkTask(scope, params.account, body.jobId, body.task),
  validateJobSchedule: async ({ scope, params, body }) => checkJobSchedule(scope, params.account, body),
  registryTest: async ({ scope, body }) =>
    scope.services.probe.testLogin(body.server, credentialsOf(body)),
  registryInspect: async ({ scope, body }) => scope.services.probe.inspectImage(body.reference, credentialsOf(body.registry)),
};
