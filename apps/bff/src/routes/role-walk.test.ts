import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccessControl, DEFAULT_SEED, operatorForTypedName, SEEDED_OPERATORS, seededRoleAssignments } from "@batch-studio/emulator";
import { apiRouteEntries, apiUrl, routeNeeds, type ApiRouteName, type AzureAction, type NodeSummary, type PermissionsResponse, type TaskDetails } from "@batch-studio/shared";
import { oneNodePool, operatorApi, until, type OperatorApi } from "../testing/api-fixtures";
import { startLocalStack, type LocalStack } from "../testing/local-stack";

/*
 * Every route of the portal API, as every seeded person, against the local Azure that enforces
 * Azure's roles: a route is refused (403 naming a permission it lacks) exactly when the person's
 * role assignments lack a permission the route table declares for it (route-actions.ts), and
 * answered otherwise. A wrong declaration fails here for someone.
 */
const B = "Microsoft.Batch/batchAccounts";
const SUB = `/subscriptions/${DEFAULT_SEED.subscription.subscriptionId}`;
const ACCOUNT_SCOPE = `${SUB}/resourceGroups/rg-batch-studio/providers/${B}/contosoweu`;
const GALLERY_SCOPE = `${SUB}/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/contosoImages`;
const IMAGE = "ubuntu2004-batch-container";
const [ada, grace, alan] = SEEDED_OPERATORS;
const bob = operatorForTypedName("Bob Builder")!;
const PEOPLE = { ada: ada!, grace: grace!, alan: alan!, bob };
type Who = keyof typeof PEOPLE;
const access = new AccessControl(seededRoleAssignments(DEFAULT_SEED));

/** What one request of the walk sends: its path parameters beyond the fixtures', query and body. */
interface Call {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

const BUSYBOX = { imageName: "busybox:latest" };
type Target = "skip" | ((who: Who) => Call);
const WALKED = (c: Call = {}) => () => c;
const mine = (id: string) => (who: Who) => `${id}-${who}`;
const gone = (key: string) => (who: Who): Call => ({ params: { [key]: mine("gone")(who) } });

/** One request per route; "skip" only for routes that reach no Azure permission (checked below). */
const WALK: Record<ApiRouteName, Target> = {
  health: "skip", openapi: "skip", config: "skip", emulator: "skip", me: "skip", accounts: "skip", permissions: "skip",
  registryTest: "skip", registryInspect: "skip", nodeFileTicketDownload: "skip", taskFileTicketDownload: "skip", taskSavedOutputFileTicketDownload: "skip",
  catalogImages: WALKED(), catalogVmSizes: WALKED(), applications: WALKED(),
  galleries: WALKED(), galleryImages: WALKED(), galleryImageVersions: WALKED(),
  setGalleryReplicas: WALKED({ body: { region: "westeurope", replicaCount: 1 } }),
  pools: WALKED(), pool: WALKED(), poolSpec: WALKED(), nodes: WALKED(), node: WALKED(),
  nodeFiles: WALKED(), nodeFileContent: WALKED({ query: { path: "startup/stdout.txt" } }), nodeFileFollow: WALKED({ query: { path: "startup/stdout.txt" } }),
  nodeFileSearch: WALKED({ query: { path: "startup/stdout.txt", q: "x" } }),
  nodeFileDownloadTicket: WALKED({ query: { path: "startup/stdout.txt" } }),
  createPool: (who) => ({ body: oneNodePool(mine("walk-new")(who), { scale: { dedicated: 0, spot: 0, resizeTimeout: "PT15M" } }) }),
  deletePool: gone("pool"),
  resizePool: (who) => ({ ...gone("pool")(who), body: { dedicated: 0 } }),
  // The current start task is read first, so this one changes the fixture pool (for those who may).
  setPoolStartTask: WALKED({ body: { startTask: { commandLine: "/bin/true" } } }),
  rebootNode: gone("node"),
  jobs: WALKED(), job: WALKED(), jobSpec: WALKED(), jobNodeTaskStatus: WALKED(), taskCounts: WALKED(),
  createJob: (who) => ({ body: { id: mine("walk-new")(who), poolId: "walk-pool" } }),
  updateJob: WALKED({ body: { eTag: "*", priority: 3 } }),
  terminateJob: (who) => ({ ...gone("job")(who), body: {} }),
  deleteJob: gone("job"),
  disableJob: (who) => ({ ...gone("job")(who), body: { disableTasks: "requeue" } }),
  enableJob: gone("job"),
  jobSchedules: WALKED(), jobSchedule: WALKED(), jobScheduleSpec: WALKED(), jobScheduleJobs: WALKED(),
  createJobSchedule: (who) => ({ body: { id: mine("walk-sched")(who), schedule: { doNotRunUntil: "2099-01-01T00:00:00Z" }, jobSpecification: { poolId: "walk-pool" } } }),
  updateJobSchedule: WALKED({ body: { metadata: [{ name: "walked", value: "yes" }] } }),
  disableJobSchedule: gone("jobSchedule"), enableJobSchedule: gone("jobSchedule"), terminateJobSchedule: gone("jobSchedule"), deleteJobSchedule: gone("jobSchedule"),
  tasks: WALKED(), task: WALKED(), taskSpec: WALKED(),
  addTask: (who) => ({ body: { id: mine("walk-new")(who), commandLine: "/bin/true", containerSettings: BUSYBOX } }),
  addTasks: (who) => ({ body: { tasks: [{ id: mine("walk-many")(who), commandLine: "/bin/true", containerSettings: BUSYBOX }] } }),
  deleteTask: gone("task"), terminateTask: gone("task"), reactivateTask: gone("task"),
  taskFiles: WALKED(), taskFileContent: WALKED({ query: { path: "stdout.txt" } }), taskFileFollow: WALKED({ query: { path: "stdout.txt" } }),
  taskFileSearch: WALKED({ query: { path: "stdout.txt", q: "x" } }),
  taskFileDownloadTicket: WALKED({ query: { path: "stdout.txt" } }),
  taskSavedOutputs: WALKED(), taskSavedOutputFileContent: WALKED({ query: { path: "0/walk/out.txt" } }),
  taskSavedOutputFileSearch: WALKED({ query: { path: "0/walk/out.txt", q: "x" } }),
  taskSavedOutputFileDownloadTicket: WALKED({ query: { path: "0/walk/out.txt" } }),
  validatePool: WALKED({ body: { id: "walk-check" } }),
  validateTask: WALKED({ body: { jobId: "walk-job", task: { id: "walk-check" } } }),
  validateJobSchedule: WALKED({ body: { id: "walk-check", schedule: {}, jobSpecification: { poolId: "walk-pool" } } }),
};

const GALLERY_ROUTES = new Set<ApiRouteName>(["galleries", "galleryImages", "galleryImageVersions", "setGalleryReplicas"]);

/** Where Azure checks a route's permissions: the gallery, the subscription (VM sizes), else the Batch account. */
const scopeOf = (name: ApiRouteName): string =>
  name === "galleries" || name === "catalogVmSizes" ? SUB : GALLERY_ROUTES.has(name) ? `${GALLERY_SCOPE}/images/${IMAGE}` : ACCOUNT_SCOPE;

/** The route's declared permissions, and reading the account (the BFF finds the account through ARM) for account routes. */
const needsOf = (name: ApiRouteName): AzureAction[] => [
  ...(GALLERY_ROUTES.has(name) ? [] : [{ action: `${B}/read`, kind: "action" as const }]),
  ...routeNeeds(name),
];

/** Lists ARM filters: refused only to someone with no role anywhere in the subscription, else answered (maybe empty). */
const FILTERED_LISTS = new Set<ApiRouteName>(["galleries", "galleryImages"]);

const lacks = (who: Who, name: ApiRouteName): AzureAction[] =>
  FILTERED_LISTS.has(name)
    ? access.hasAnyAssignmentTouching(PEOPLE[who].oid, SUB) ? [] : needsOf(name)
    :
  needsOf(name).filter((n) => !access.isAllowed(PEOPLE[who].oid, name === "catalogVmSizes" && n.action === `${B}/read` ? ACCOUNT_SCOPE : scopeOf(name), n.action, n.kind));

describe("every route as every seeded role", () => {
  let stack: LocalStack;
  const as = {} as Record<Who, OperatorApi>;
  let fixtures: Record<string, string>;

  beforeAll(async () => {
    stack = await startLocalStack({ runtime: "process", storage: true });
    as.ada = operatorApi(stack.bffUrl, await stack.signIn());
    as.grace = operatorApi(stack.bffUrl, await stack.signIn("Grace Hopper"));
    as.alan = operatorApi(stack.bffUrl, await stack.signIn("Alan Turing"));
    as.bob = operatorApi(stack.bffUrl, await stack.signIn("Bob Builder"));
    const account = await as.ada.firstAccount();
    const post = (path: string, body: unknown) => as.ada.json(path, { method: "POST", body: JSON.stringify(body) });
    await post(apiUrl("createPool", { account }), oneNodePool("walk-pool"));
    const node = await until("a node", async () => {
      const { items } = await as.ada.json<{ items: NodeSummary[] }>(apiUrl("nodes", { account, pool: "walk-pool" }));
      return items.find((n) => n.state === "idle")?.id;
    });
    await post(apiUrl("createJob", { account }), { id: "walk-job", poolId: "walk-pool" });
    await post(apiUrl("addTask", { account, job: "walk-job" }), {
      id: "walk-task",
      commandLine: "/bin/sh -c 'echo walked > out.txt'",
      containerSettings: { imageName: "busybox:latest" },
      outputFiles: [{ filePattern: "out.txt", destination: { kind: "accountStorage", containerName: "walk-outputs", path: "walk/out.txt" }, uploadCondition: "taskSuccess" }],
    });
    await until("the task to complete", async () =>
      (await as.ada.json<TaskDetails>(apiUrl("task", { account, job: "walk-job", task: "walk-task" }))).state === "completed" ? true : undefined,
    );
    await post(apiUrl("createJobSchedule", { account }), { id: "walk-schedule", schedule: { doNotRunUntil: "2099-01-01T00:00:00Z" }, jobSpecification: { poolId: "walk-pool" } });
    fixtures = {
      account, pool: "walk-pool", node, job: "walk-job", task: "walk-task", jobSchedule: "walk-schedule",
      subscription: DEFAULT_SEED.subscription.subscriptionId, resourceGroup: "rg-images", gallery: "contosoImages", image: IMAGE, version: "1.0.0",
    };
  }, 180_000);
  afterAll(async () => {
    await stack?.close();
  });

  it("skips only routes that reach no Azure permission", () => {
    for (const [name, target] of Object.entries(WALK) as [ApiRouteName, Target][])
      if (target === "skip") expect(routeNeeds(name), name).toEqual([]);
  });

  // Reads first, then changes, deletes last, so no call takes away what a later one reads.
  const order = (method: string) => (method === "GET" ? 0 : method === "DELETE" ? 2 : 1);
  const walked = apiRouteEntries
    .filter(([name]) => WALK[name] !== "skip")
    .sort(([, a], [, b]) => order(a.method) - order(b.method));

  describe.each(Object.keys(PEOPLE) as Who[])("as %s", (who) => {
    it.each(walked.map(([name, route]) => [name, route] as const))("%s", async (name, route) => {
      const target = WALK[name];
      if (target === "skip") return;
      const call = target(who);
      const values: Record<string, string> = { ...fixtures, ...call.params };
      const path = route.path.replace(/:([A-Za-z]+)/g, (_, key: string) => encodeURIComponent(values[key] ?? ""));
      const query = call.query ? `?${new URLSearchParams(call.query)}` : "";
      const res = await as[who].call(`${path}${query}`, {
        method: route.method,
        ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
      });
      // A follow stream that was let in stays open: its status is the answer.
      const text = res.headers.get("content-type")?.includes("text/event-stream") ? (await res.body?.cancel(), "") : await res.text();
      const missing = lacks(who, name);
      if (missing.length === 0) expect([res.status, text], `${who} may ${name}`).not.toEqual([403, expect.anything()]);
      else {
        expect(res.status, `${who} may not ${name}: ${text}`).toBe(403);
        // The refusal names a permission the person lacks, never a generic error.
        expect(missing.some((m) => text.includes(m.action)), `${name} refused with ${text}, lacking ${missing.map((m) => m.action)}`).toBe(true);
      }
    });
  });

  it("answers each person what they hold on the account and which routes that refuses them, as the walk found", async () => {
    const answer = (who: Who) => as[who].json<PermissionsResponse>(apiUrl("permissions", { account: fixtures.account! }));
    for (const who of Object.keys(PEOPLE) as Who[]) {
      const { refused } = await answer(who);
      for (const [name] of walked)
        if (!GALLERY_ROUTES.has(name) && name !== "catalogVmSizes") expect(Object.keys(refused).includes(name), `${who} ${name}`).toBe(lacks(who, name).length > 0);
    }
    expect((await answer("ada")).blocks).toHaveLength(2);
    expect((await answer("alan")).refused.createPool).toEqual([{ action: `${B}/pools/write`, kind: "action" }]);
    expect((await answer("bob")).blocks).toEqual([]);
  });
});
