import { randomBytes, randomUUID } from "node:crypto";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { ClientRequest, IncomingMessage } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { apiUrl, type Me } from "@batch-studio/shared";
import { oneNodePool, operatorApi, type OperatorApi } from "../testing/api-fixtures";
import { startLocalStack, type LocalStack } from "../testing/local-stack";
import { BULK_OPERATION_HEADER } from "./bulk-operation-id";

/*
 * The audit event against the real local stack: the emulator's identity, ARM and Batch (which
 * enforces roles: Grace Hopper is a Reader), the BFF in-process writing to the stack's log lines.
 */

/** An audit line as written; the schema is the test's own reading of the documented fields. */
const AuditLine = z.looseObject({
  event: z.literal("audit"),
  time: z.number(),
  user: z.object({ oid: z.string().min(1), tid: z.string().optional() }),
  route: z.string(),
  method: z.string(),
  target: z.record(z.string(), z.string()),
  outcome: z.enum(["success", "denied", "failed"]),
  status: z.number(),
  errorCode: z.string().optional(),
  requestId: z.string().optional(),
  batchRequestIds: z.array(z.string()).optional(),
  armRequestIds: z.array(z.string()).optional(),
  actions: z.array(z.string()).optional(),
  bulkOperationId: z.string().optional(),
});
type AuditLine = z.infer<typeof AuditLine>;

/** What undici publishes once an answer's headers arrive: the BFF's Batch transport is undici. */
const AnswerHeaders = z.object({
  request: z.object({ headers: z.array(z.string()) }),
  response: z.object({ headers: z.array(z.instanceof(Uint8Array)) }),
});

const HttpAnswer = z.object({
  request: z.instanceof(ClientRequest),
  response: z.instanceof(IncomingMessage),
});

const headerIn = (pairs: readonly string[], name: string): string | undefined => {
  for (let i = 0; i + 1 < pairs.length; i += 2) if (pairs[i]!.toLowerCase() === name) return pairs[i + 1];
  return undefined;
};

describe("audit events", () => {
  let stack: LocalStack;
  let ada: OperatorApi;
  let grace: OperatorApi;
  let account: string;
  let adaOid: string;
  /** The bearer tokens the calls carry: no part of them may reach an audit line. */
  const tokens: string[] = [];
  const stamp = Date.now();
  const pool = `audit-pool-${stamp}`;
  /** The request-id Batch answered to each call, by the client-request-id the BFF sent it (its x-request-id). */
  const batchAnswered = new Map<string, string[]>();
  const onAnswerHeaders = (message: unknown) => {
    const seen = AnswerHeaders.safeParse(message);
    if (!seen.success) return;
    const clientRequestId = headerIn(seen.data.request.headers, "client-request-id");
    const requestId = headerIn(seen.data.response.headers.map((b) => Buffer.from(b).toString("latin1")), "request-id");
    if (clientRequestId === undefined || requestId === undefined) return;
    batchAnswered.set(clientRequestId, [...(batchAnswered.get(clientRequestId) ?? []), requestId]);
  };

  /** The same for ARM, whose SDK sends through node:http (x-ms-client-request-id → x-ms-request-id). */
  const armAnswered = new Map<string, string[]>();
  const onHttpResponse = (message: unknown) => {
    const seen = HttpAnswer.safeParse(message);
    if (!seen.success) return;
    const clientRequestId = seen.data.request.getHeader("x-ms-client-request-id");
    const requestId = seen.data.response.headers["x-ms-request-id"];
    if (typeof clientRequestId !== "string" || typeof requestId !== "string") return;
    armAnswered.set(clientRequestId, [...(armAnswered.get(clientRequestId) ?? []), requestId]);
  };

  const auditLines = (): AuditLine[] =>
    stack.logs
      .join("")
      .split("\n")
      .filter((line) => line.includes('"event":"audit"'))
      .map((line) => AuditLine.parse(JSON.parse(line)));
  const auditOf = (requestId: string) => auditLines().filter((e) => e.requestId === requestId);

  /** One call with an x-request-id of the test's choosing, so its audit line and Batch answers can be found. */
  const send = async (as: OperatorApi, path: string, init: RequestInit & { headers?: Record<string, string> } = {}) => {
    const requestId = randomUUID();
    const res = await as.call(path, { ...init, headers: { "x-request-id": requestId, ...init.headers } });
    await res.arrayBuffer();
    return { status: res.status, requestId };
  };
  const post = (as: OperatorApi, path: string, body: unknown, headers: Record<string, string> = {}) =>
    send(as, path, { method: "POST", body: JSON.stringify(body), headers });
  const busybox = { imageName: "busybox:latest" };

  beforeAll(async () => {
    subscribe("undici:request:headers", onAnswerHeaders);
    subscribe("http.client.response.finish", onHttpResponse);
    stack = await startLocalStack({ runtime: "process" });
    tokens.push(await stack.signIn(), await stack.signIn("Grace Hopper"));
    ada = operatorApi(stack.bffUrl, tokens[0]!);
    grace = operatorApi(stack.bffUrl, tokens[1]!);
    account = await ada.firstAccount();
    adaOid = (await ada.json<Me>(apiUrl("me", {}))).oid;
    // No nodes: the tasks below only need to exist (and be active) to be terminated.
    await ada.json(apiUrl("createPool", { account }), { method: "POST", body: JSON.stringify(oneNodePool(pool, { scale: { dedicated: 0, spot: 0, resizeTimeout: "PT15M" } })) });
  }, 120_000);
  afterAll(async () => {
    unsubscribe("undici:request:headers", onAnswerHeaders);
    unsubscribe("http.client.response.finish", onHttpResponse);
    await stack?.close();
  });

  it("writes one success event for a created job, naming the job and every request id Batch answered", async () => {
    const job = `audit-job-${stamp}`;
    const { status, requestId } = await post(ada, apiUrl("createJob", { account }), { id: job, poolId: pool });
    expect(status).toBe(201);
    const events = auditOf(requestId);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({ route: "createJob", method: "POST", actions: ["Microsoft.Batch/batchAccounts/jobs/write"], outcome: "success", status: 201, target: { account, job }, user: { oid: adaOid } });
    expect(event!.errorCode).toBeUndefined();
    expect(event!.user.tid).toMatch(/^[0-9a-f-]{36}$/);
    // The check reads the pool before the add: all of the request's Batch calls, in order, as the emulator answered them.
    const answered = batchAnswered.get(requestId) ?? [];
    expect(answered.length).toBeGreaterThanOrEqual(2);
    expect(event!.batchRequestIds).toEqual(answered);
    expect(event!.bulkOperationId).toBeUndefined();
  });

  it("writes a denied event when Batch refuses a Reader's write, with Batch's code and the refusing answer's id", async () => {
    const job = `audit-denied-${stamp}`;
    const { status, requestId } = await post(grace, apiUrl("createJob", { account }), { id: job, poolId: pool });
    expect(status).toBe(403);
    const events = auditOf(requestId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ route: "createJob", outcome: "denied", status: 403, target: { account, job } });
    expect(events[0]!.user.oid).not.toBe(adaOid);
    expect(events[0]!.errorCode).toEqual(expect.any(String));
    expect(events[0]!.batchRequestIds?.at(-1)).toBe(batchAnswered.get(requestId)?.at(-1));
    expect((await ada.call(apiUrl("job", { account, job }))).status).toBe(404);
  });

  it("writes ARM's request ids for an ARM write, here one ARM refuses a Reader", async () => {
    const target = { subscription: account.split("~")[0]!, resourceGroup: "rg-images", gallery: "contosoImages", image: "ubuntu2004-batch-container", version: "1.1.0" };
    const { status, requestId } = await post(grace, apiUrl("setGalleryReplicas", target), { region: "westeurope", replicaCount: 9 });
    expect(status).toBe(403);
    const events = auditOf(requestId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ route: "setGalleryReplicas", actions: ["Microsoft.Compute/galleries/images/versions/write"], outcome: "denied", status: 403, errorCode: "AuthorizationFailed", target });
    expect(events[0]!.armRequestIds?.length).toBeGreaterThanOrEqual(1);
    expect(events[0]!.armRequestIds).toEqual(armAnswered.get(requestId));
    expect(events[0]!.batchRequestIds).toBeUndefined();
  });

  it("writes a failed event with the problem's code for a body the BFF refuses, before any Batch call", async () => {
    const { status, requestId } = await post(ada, apiUrl("createJob", { account }), { id: "", poolId: 7 });
    expect(status).toBe(400);
    const events = auditOf(requestId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ route: "createJob", outcome: "failed", status: 400, errorCode: "validation_failed", target: { account } });
    expect(events[0]!.batchRequestIds).toBeUndefined();
  });

  it("writes nothing for reads, read-only POSTs, unauthenticated calls or a malformed path id", async () => {
    const job = `audit-job-${stamp}`;
    const reads = [
      await send(ada, apiUrl("job", { account, job })),
      await send(ada, apiUrl("jobs", { account })),
      await post(ada, apiUrl("validatePool", { account }), oneNodePool(`audit-check-${stamp}`)),
    ];
    for (const r of reads) expect(r.status).toBe(200);
    const anonymous = randomUUID();
    const res = await fetch(`${stack.bffUrl}${apiUrl("deleteJob", { account, job })}`, { method: "DELETE", headers: { "x-request-id": anonymous } });
    expect(res.status).toBe(401);
    const badId = await send(ada, `/api/accounts/${account}/jobs/bad..id`, { method: "DELETE" });
    expect(badId.status).toBe(400);
    for (const requestId of [...reads.map((r) => r.requestId), anonymous, badId.requestId]) expect(auditOf(requestId)).toEqual([]);
  });

  it("carries the SPA's bulk operation id on every event of the run, and refuses a malformed one", async () => {
    const job = `audit-bulk-${stamp}`;
    await ada.json(apiUrl("createJob", { account }), { method: "POST", body: JSON.stringify({ id: job, poolId: pool }) });
    const run = randomUUID();
    const tasks = ["a", "b", "c"].map((id) => ({ id, commandLine: "/bin/true", containerSettings: busybox }));
    const added = await post(ada, apiUrl("addTasks", { account, job }), { tasks }, { [BULK_OPERATION_HEADER]: run });
    expect(added.status).toBe(200);
    const terminated = [];
    for (const task of ["a", "b", "c"]) terminated.push(await post(ada, apiUrl("terminateTask", { account, job, task }), {}, { [BULK_OPERATION_HEADER]: run }));
    const events = [added, ...terminated].flatMap((r) => auditOf(r.requestId));
    expect(events.map((e) => [e.route, e.target.task, e.outcome, e.bulkOperationId])).toEqual([
      ["addTasks", undefined, "success", run],
      ["terminateTask", "a", "success", run],
      ["terminateTask", "b", "success", run],
      ["terminateTask", "c", "success", run],
    ]);
    // Upper case is a UUID too, but not as crypto.randomUUID() writes it: the grammar is exact.
    const refused = await send(ada, apiUrl("deleteTask", { account, job, task: "a" }), { method: "DELETE", headers: { [BULK_OPERATION_HEADER]: run.toUpperCase() } });
    expect(refused.status).toBe(400);
    const [event] = auditOf(refused.requestId);
    expect(event).toMatchObject({ route: "deleteTask", outcome: "failed", status: 400, errorCode: "validation_failed" });
    expect(event!.bulkOperationId).toBeUndefined();
    expect(event!.batchRequestIds).toBeUndefined();
    expect((await ada.call(apiUrl("task", { account, job, task: "a" }))).status).toBe(200);
  });

  it("never writes a password, a SAS signature or a token from the request, whatever the request holds", async () => {
    const job = `audit-secrets-${stamp}`;
    await ada.json(apiUrl("createJob", { account }), { method: "POST", body: JSON.stringify({ id: job, poolId: pool }) });
    const secrets: string[] = [];
    const secret = () => {
      const s = `S3cr3t${randomBytes(9).toString("base64url")}`;
      secrets.push(s);
      return s;
    };
    const traced: string[] = [];
    // Each shape puts fresh secrets where a careless log would pick them up: registry passwords,
    // SAS query strings in resource URLs, environment values, the query string, a header.
    const shapes: ((n: number) => Promise<{ requestId: string }>)[] = [
      (n) =>
        post(ada, apiUrl("addTask", { account, job }), {
          id: `t${n}`,
          commandLine: `/bin/echo ${secret()}`,
          containerSettings: { ...busybox, registry: { server: "127.0.0.1:5999", auth: { kind: "password", username: "u", password: secret() } } },
          env: [{ name: "API_KEY", value: secret() }],
          resourceFiles: [{ source: { kind: "http", url: `https://store.blob.core.windows.net/c/in.txt?sv=2022-11-02&sig=${secret()}` } }],
        }),
      (n) => post(ada, `${apiUrl("addTask", { account, job })}?sig=${secret()}&token=${secret()}`, { id: `q${n}`, commandLine: "/bin/true", containerSettings: busybox }),
      (n) => post(grace, apiUrl("addTask", { account, job }), { id: `g${n}`, commandLine: "/bin/true", containerSettings: { ...busybox, registry: { server: "r.example", auth: { kind: "password", username: secret(), password: secret() } } } }),
      // An id is a name the user chose and is written by design; what rides beside it is not.
      (n) => post(ada, apiUrl("createJob", { account }), { id: `audit-jm-${stamp}-${n}`, poolId: pool, jobManagerTask: { id: "jm", commandLine: secret(), password: secret() } }),
      (n) => post(ada, apiUrl("terminateTask", { account, job, task: `t${n}` }), {}, { [BULK_OPERATION_HEADER]: `sig=${secret()}`, "x-request-id": secret() }),
    ];
    for (let n = 0; n < 20; n++) {
      const { requestId } = await shapes[n % shapes.length]!(n);
      // The last shape's x-request-id is no GUID, so the BFF made its own: that request is found by the scan below only.
      if (n % shapes.length !== shapes.length - 1) traced.push(requestId);
    }
    // Every request wrote its event, so the scan below reads what a leak would be in.
    for (const requestId of traced) expect(auditOf(requestId)).toHaveLength(1);
    expect(auditLines().filter((e) => e.route === "terminateTask" && e.errorCode === "validation_failed").length).toBeGreaterThanOrEqual(4);
    const lines = stack.logs.join("").split("\n").filter((line) => line.includes('"event":"audit"'));
    for (const line of lines) {
      for (const s of secrets) expect(line).not.toContain(s);
      expect(line).not.toMatch(/sig=|password|Bearer|eyJ/);
      for (const t of tokens) expect(line).not.toContain(t.split(".")[2]);
    }
  });
});
