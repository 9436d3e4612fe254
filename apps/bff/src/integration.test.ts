import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiUrl, type AccountsResponse, type FollowChunk, type FollowEnd, type NodeSummary, type PoolSpecInput, type PoolSummary, type TaskDetails, type ValidationResponse, type VmSizesResponse } from "@batch-studio/shared";
import { operatorApi, until, type JsonCall, type OperatorApi } from "./testing/api-fixtures";
import { startLocalStack, type LocalStack } from "./testing/local-stack";

/*
 * Through the BFF's API against the real local stack (emulator identity + ARM + Batch, msal-node
 * OBO, @azure/batch 10.2.0). With the container lab up (LAB_REGISTRY...), the pool pulls from the
 * private registry; without it the pool is a container pool with no private registry.
 */
const lab = process.env.LAB_REGISTRY
  ? {
      registry: process.env.LAB_REGISTRY,
      user: process.env.LAB_REGISTRY_USER!,
      password: process.env.LAB_REGISTRY_PASSWORD!,
      image: process.env.LAB_IMAGE_PLAIN!,
    }
  : undefined;
if (process.env.REQUIRE_DOCKER === "1" && !lab) throw new Error("REQUIRE_DOCKER=1 but the container lab is not up (LAB_REGISTRY unset)");

/** Reads SSE events from a fetch body until `stop` says so. */
const readEvents = async (res: Response, stop: (event: string, data: unknown) => boolean) => {
  const events: { event: string; data: unknown; id?: string }[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let sep: number;
    while ((sep = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, sep);
      buffer = buffer.slice(sep + 2);
      const fields = Object.fromEntries(block.split("\n").filter((l) => !l.startsWith(":")).map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 2)]));
      if (!fields.event) continue;
      const e = { event: fields.event, data: JSON.parse(fields.data ?? "null") as unknown, id: fields.id };
      events.push(e);
      if (stop(e.event, e.data)) {
        await reader.cancel();
        return events;
      }
    }
  }
  return events;
};

describe("the BFF against the local stack", () => {
  let stack: LocalStack;
  let token: string;
  let accountId: string;
  let api: OperatorApi["call"];
  let json: JsonCall;

  beforeAll(async () => {
    stack = await startLocalStack();
    token = await stack.signIn();
    ({ call: api, json } = operatorApi(stack.bffUrl, token));
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  it("lists the seeded accounts through ARM on behalf of the operator", async () => {
    const body = await json<AccountsResponse>(apiUrl("accounts", {}));
    const accounts = body.subscriptions.flatMap((s) => s.accounts);
    const weu = accounts.find((a) => a.name === "contosoweu");
    expect(weu).toMatchObject({ location: "westeurope" });
    expect(weu!.quotas.dedicatedCoreQuota).toBeGreaterThan(0);
    accountId = weu!.id;
    const me = await json<{ username?: string }>(apiUrl("me", {}));
    expect(me.username).toBeTruthy();
    const note = await json<{ emulator: boolean }>(apiUrl("emulator", {}));
    expect(note.emulator).toBe(true);
  });

  it("serves the catalog: images with the container capability and VM sizes with family quota", async () => {
    const images = await json<{ items: { offer: string; containerCapable: boolean }[] }>(apiUrl("catalogImages", { account: accountId }));
    expect(images.items.some((i) => i.offer === "ubuntu-server-container" && i.containerCapable)).toBe(true);
    const sizes = await json<{ items: { name: string; vCpus: number }[] }>(apiUrl("catalogVmSizes", { account: accountId }));
    expect(sizes.items.find((s) => s.name.toLowerCase() === "standard_d2s_v3")?.vCpus).toBe(2);
  });

  it("walks galleries → image definitions → versions with OS, state and replication", async () => {
    const subscription = accountId.split("~")[0]!;
    const galleries = await json<{ items: { name: string; resourceGroup: string }[] }>(apiUrl("galleries", { subscription }));
    const gallery = galleries.items.find((g) => g.name === "contosoImages")!;
    expect(gallery).toBeDefined();
    const images = await json<{ items: { name: string; osType: string; osState: string }[] }>(apiUrl("galleryImages", { subscription, resourceGroup: gallery.resourceGroup, gallery: gallery.name }));
    const linux = images.items.find((i) => i.osType === "linux" && i.osState === "Generalized")!;
    expect(linux).toBeDefined();
    const versions = await json<{ items: { name: string; state?: string; replication: { region: string; replicaCount: number }[] }[] }>(
      apiUrl("galleryImageVersions", { subscription, resourceGroup: gallery.resourceGroup, gallery: gallery.name, image: linux.name }),
    );
    expect(versions.items.length).toBeGreaterThan(0);
    expect(versions.items[0]!.replication.length).toBeGreaterThan(0);
  });

  it("rejects an invalid pool with every issue and its field path", async () => {
    const res = await api(apiUrl("pools", { account: accountId }), { method: "POST", body: JSON.stringify({ id: "bad id!", vmSize: "", image: { kind: "marketplace" } }) });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { issues: { path: (string | number)[] }[] };
    const paths = problem.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["id", "vmSize", "image.publisher", "nodeAgentSkuId"]));
  });

  it("judges a new pool against the cores the account's pools will use once their resizes finish", async () => {
    const spec: PoolSpecInput = {
      id: `quota-${Date.now()}`,
      vmSize: "standard_d2s_v3",
      image: { kind: "marketplace", publisher: "microsoft-azure-batch", offer: "ubuntu-server-container", sku: "20-04-lts" },
      nodeAgentSkuId: "batch.node.ubuntu 20.04",
      scale: { dedicated: 3, spot: 0, resizeTimeout: "PT15M" },
    };
    // A pool already asking for nodes, so there is something to count.
    const existing = await api(apiUrl("pools", { account: accountId }), { method: "POST", body: JSON.stringify({ ...spec, id: `${spec.id}-existing` }) });
    expect(existing.status, await existing.clone().text()).toBe(201);
    const pools = await json<{ items: PoolSummary[] }>(apiUrl("pools", { account: accountId }));
    const sizes = await json<VmSizesResponse>(apiUrl("catalogVmSizes", { account: accountId }));
    const cores = new Map(sizes.items.map((s) => [s.name.toLowerCase(), s]));
    let dedicated = 0;
    const perFamily: Record<string, number> = {};
    for (const p of pools.items) {
      const size = cores.get(p.vmSize.toLowerCase());
      if (!size) continue;
      dedicated += p.targetDedicatedNodes * size.vCpus;
      if (p.targetDedicatedNodes > 0) perFamily[size.family] = (perFamily[size.family] ?? 0) + p.targetDedicatedNodes * size.vCpus;
    }
    expect(dedicated).toBeGreaterThanOrEqual(6);
    const validation = await json<ValidationResponse>(apiUrl("validatePool", { account: accountId }), { method: "POST", body: JSON.stringify(spec) });
    const quota = validation.facts.quota!;
    expect(quota.poolCount).toBe(pools.items.length);
    expect(quota.usedDedicatedCores).toBe(dedicated);
    expect(Object.fromEntries(Object.entries(quota.usedPerFamilyDedicatedCores ?? {}).filter(([, used]) => used > 0))).toEqual(perFamily);
  });

  it("answers a partial spec per fact: only a registry gets its login checked, nothing else is made up", async () => {
    // A wrong password against the lab registry, or (without the lab) a registry nobody listens on.
    const registry = lab ? { server: lab.registry, username: lab.user, password: `${lab.password}-wrong` } : { server: "127.0.0.1:9", username: "u", password: "p" };
    const draft = { container: { prefetchImages: [], registries: [{ server: registry.server, auth: { kind: "password", username: registry.username, password: registry.password } }] } };
    const res = await api(apiUrl("validatePool", { account: accountId }), { method: "POST", body: JSON.stringify(draft) });
    expect(res.status, await res.clone().text()).toBe(200);
    const validation = (await res.json()) as ValidationResponse;
    expect(validation.facts.registries?.map((r) => r.status)).toEqual([lab ? "unauthorized" : "unreachable"]);
    expect(validation.issues.filter((i) => i.code === "registry.loginFailed").map((i) => i.path)).toEqual([["container", "registries", 0]]);
    // No id was sent, so nothing is said about one being taken; the missing parts are named by the schema.
    expect(validation.facts.poolIdTaken).toBeUndefined();
    expect(validation.issues.some((i) => i.path[0] === "vmSize" && i.code.startsWith("schema."))).toBe(true);
    expect(validation.ok).toBe(false);
  });

  it("creates a container pool, runs a task, reads stdout by range and by following, and downloads it", async () => {
    const poolId = `it-pool-${Date.now()}`;
    const spec: PoolSpecInput = {
      id: poolId,
      vmSize: "standard_d2s_v3",
      image: { kind: "marketplace", publisher: "microsoft-azure-batch", offer: "ubuntu-server-container", sku: "20-04-lts" },
      nodeAgentSkuId: "batch.node.ubuntu 20.04",
      container: lab
        ? { prefetchImages: [lab.image], registries: [{ server: lab.registry, auth: { kind: "password", username: lab.user, password: lab.password } }] }
        : { prefetchImages: [], registries: [] },
      scale: { dedicated: 1, spot: 0, resizeTimeout: "PT15M" },
    };
    const validation = await json<{ ok: boolean; facts: { images?: { status: string }[]; registries?: { status: string }[] } }>(apiUrl("validatePool", { account: accountId }), {
      method: "POST",
      body: JSON.stringify(spec),
    });
    if (lab) {
      expect(validation.facts.registries?.[0]?.status).toBe("ok");
      expect(validation.facts.images?.[0]?.status).toBe("found");
    }
    const created = await api(apiUrl("pools", { account: accountId }), { method: "POST", body: JSON.stringify(spec) });
    expect(created.status, await created.clone().text()).toBe(201);

    const nodes = await until("an idle node", async () => {
      const list = await json<{ items: NodeSummary[] }>(apiUrl("nodes", { account: accountId, pool: poolId }));
      return list.items.length > 0 && list.items.every((n) => n.state === "idle") ? list.items : undefined;
    });
    expect(nodes).toHaveLength(1);

    const jobId = `it-job-${Date.now()}`;
    expect((await api(apiUrl("jobs", { account: accountId }), { method: "POST", body: JSON.stringify({ id: jobId, poolId }) })).status).toBe(201);
    const taskId = "slow-writer";
    const task = {
      id: taskId,
      commandLine: "/bin/sh -c 'for i in 1 2 3 4 5 6; do echo line-$i; sleep 0.5; done'",
      containerSettings: lab
        ? { imageName: lab.image, registry: { server: lab.registry, auth: { kind: "password", username: lab.user, password: lab.password } } }
        : { imageName: "busybox:latest" },
    };
    const added = await api(apiUrl("tasks", { account: accountId, job: jobId }), { method: "POST", body: JSON.stringify(task) });
    expect(added.status, await added.clone().text()).toBe(201);

    // Follow while it runs: data events arrive before the task completes, then `end`.
    const follow = await api(apiUrl("taskFileFollow", { account: accountId, job: jobId, task: taskId }, { path: "stdout.txt" }));
    expect(follow.headers.get("content-type")).toMatch(/text\/event-stream/);
    let stateAtFirstData: Promise<string> | undefined;
    const events = await readEvents(follow, (event) => {
      // The task writes for ~3 s: when the first bytes arrive it must still be running.
      if (event === "data" && !stateAtFirstData) stateAtFirstData = json<TaskDetails>(apiUrl("task", { account: accountId, job: jobId, task: taskId })).then((t) => t.state);
      return event === "end";
    });
    expect(await stateAtFirstData).not.toBe("completed");
    const data = events.filter((e) => e.event === "data").map((e) => e.data as FollowChunk);
    const end = events.at(-1)!.data as FollowEnd;
    expect(end.reason).toBe("completed");
    expect(end.exitCode).toBe(0);
    expect(data.length).toBeGreaterThan(1); // more than one chunk: bytes were pushed as they were written
    const followed = data.map((c) => (c.encoding === "utf8" ? c.data : Buffer.from(c.data, "base64").toString())).join("");
    expect(followed).toBe("line-1\nline-2\nline-3\nline-4\nline-5\nline-6\n");
    expect(data[0]!.offset).toBe(0);

    // Byte range: "line-2\n" is bytes 7..13.
    const ranged = await api(apiUrl("taskFileContent", { account: accountId, job: jobId, task: taskId }, { path: "stdout.txt", start: 7, end: 13 }));
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-range")).toBe(`bytes 7-13/${followed.length}`);
    expect(ranged.headers.get("x-file-size")).toBe(String(followed.length));
    expect(await ranged.text()).toBe("line-2\n");
    const beyond = await api(apiUrl("taskFileContent", { account: accountId, job: jobId, task: taskId }, { path: "stdout.txt", start: 10_000 }));
    expect(beyond.status).toBe(416);

    // A whole file downloads through a single-use ticket: a plain link, no bearer token.
    const ticket = (await (await api(apiUrl("taskFileDownloadTicket", { account: accountId, job: jobId, task: taskId }, { path: "stdout.txt" }), { method: "POST" })).json()) as { url: string };
    const download = await fetch(`${stack.bffUrl}${ticket.url}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="stdout.txt"/);
    expect(await download.text()).toBe(followed);

    const details = await json<TaskDetails>(apiUrl("task", { account: accountId, job: jobId, task: taskId }));
    expect(details).toMatchObject({ state: "completed", exitCode: 0 });
    const counts = await json<{ tasks: { completed: number; succeeded: number } }>(apiUrl("taskCounts", { account: accountId, job: jobId }));
    expect(counts.tasks).toMatchObject({ completed: 1, succeeded: 1 });
    const page = await json<{ items: { id: string }[] }>(apiUrl("tasks", { account: accountId, job: jobId }, { state: "completed", exitCode: 0 }));
    expect(page.items.map((t) => t.id)).toContain(taskId);
    const failedOnly = await json<{ items: unknown[] }>(apiUrl("tasks", { account: accountId, job: jobId }, { exitCodeMin: 1, exitCodeMax: 255 }));
    expect(failedOnly.items).toHaveLength(0);

    // Paging: Batch's nextLink travels as an opaque cursor and comes back to the same account.
    const second = await api(apiUrl("tasks", { account: accountId, job: jobId }), { method: "POST", body: JSON.stringify({ ...task, id: "second", commandLine: "/bin/sh -c 'exit 3'" }) });
    expect(second.status, await second.clone().text()).toBe(201);
    const first = await json<{ items: { id: string }[]; nextCursor?: string }>(apiUrl("tasks", { account: accountId, job: jobId }, { pageSize: 1 }));
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBeTruthy();
    const next = await json<{ items: { id: string }[]; nextCursor?: string }>(apiUrl("tasks", { account: accountId, job: jobId }, { pageSize: 1, cursor: first.nextCursor }));
    expect([...first.items, ...next.items].map((t) => t.id).sort()).toEqual(["second", taskId].sort());

    const clone = await json<{ spec: { id: string }; reentry: unknown[] }>(apiUrl("poolSpec", { account: accountId, pool: poolId }));
    expect(clone.spec.id).toBe(poolId);
    if (lab) expect(clone.reentry.length).toBeGreaterThan(0); // the registry password must be typed again

    const taskFiles = await json<{ items: { name: string }[] }>(apiUrl("taskFiles", { account: accountId, job: jobId, task: taskId }));
    expect(taskFiles.items.map((f) => f.name)).toContain("stdout.txt");
    const nodeFiles = await json<{ items: { name: string }[] }>(apiUrl("nodeFiles", { account: accountId, pool: poolId, node: nodes[0]!.id }));
    expect(nodeFiles.items.length).toBeGreaterThan(0);
    expect((await api(apiUrl("rebootNode", { account: accountId, pool: poolId, node: nodes[0]!.id }), { method: "POST" })).status).toBe(202);
    const resized = await api(apiUrl("resizePool", { account: accountId, pool: poolId }), { method: "POST", body: JSON.stringify({ dedicated: 2, spot: 0 }) });
    expect(resized.status).toBe(202);
    expect((await json<{ targetDedicatedNodes: number }>(apiUrl("pool", { account: accountId, pool: poolId }))).targetDedicatedNodes).toBe(2);

    // Batch errors come back as problems with the Batch code.
    const dup = await api(apiUrl("jobs", { account: accountId }), { method: "POST", body: JSON.stringify({ id: jobId, poolId }) });
    expect(dup.status).toBe(409);
    expect(await dup.json()).toMatchObject({ code: "JobExists" });
    expect((await api(apiUrl("pool", { account: accountId, pool: "no-such-pool" }))).status).toBe(404);

    expect((await api(apiUrl("job", { account: accountId, job: jobId }), { method: "DELETE" })).status).toBe(202);
    expect((await api(apiUrl("pool", { account: accountId, pool: poolId }), { method: "DELETE" })).status).toBe(202);
  }, 120_000);

  it("logged no token, password or client secret during the whole run", () => {
    const all = stack.logs.join("");
    expect(all).toContain('"request"');
    expect(all).not.toContain(token);
    expect(all).not.toContain(token.split(".")[2]);
    expect(all).not.toContain(stack.config.clientCredential && "secret" in stack.config.clientCredential ? stack.config.clientCredential.secret : "x");
    if (lab) expect(all).not.toContain(lab.password);
  });
});
