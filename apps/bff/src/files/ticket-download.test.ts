import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiUrl, type AccountsResponse, type DownloadTicket } from "@batch-studio/shared";
import { completedTask } from "../testing/api-fixtures";
import { startLocalStack, type LocalStack } from "../testing/local-stack";

/*
 * Ticket downloads through the BFF against the real local stack (emulator identity, ARM and
 * Batch; on-behalf-of with msal-node): a link minted with a bearer token streams the file once,
 * without an Authorization header, and nothing else.
 */
describe("ticket downloads", () => {
  let stack: LocalStack;
  let ada: string;
  let bob: string;
  let account: string;
  const job = `ticket-job-${Date.now()}`;
  const task = "writer";
  const minted: string[] = [];

  const call = (path: string, token?: string, init: RequestInit = {}) =>
    fetch(`${stack.bffUrl}${path}`, {
      ...init,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.body ? { "content-type": "application/json" } : {}) },
    });
  const json = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const res = await call(path, ada, init);
    const text = await res.text();
    if (!res.ok) throw new Error(`${init?.method ?? "GET"} ${path} → ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };
  const mint = async (path = "stdout.txt", token = ada) => {
    const res = await call(apiUrl("taskFileDownloadTicket", { account, job, task }, { path }), token, { method: "POST" });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as DownloadTicket;
    const ticket = new URL(body.url, stack.bffUrl).searchParams.get("ticket")!;
    minted.push(ticket);
    return { ...body, ticket };
  };

  beforeAll(async () => {
    stack = await startLocalStack({ runtime: "process" });
    ada = await stack.signIn("Ada Lovelace");
    bob = await stack.signIn("Bob Builder");
    const accounts = await json<AccountsResponse>(apiUrl("accounts", {}));
    account = accounts.subscriptions[0]!.accounts[0]!.id;
    await completedTask(json, account, { pool: `ticket-pool-${Date.now()}`, job, task }, "/bin/sh -c 'echo ticket-bytes; echo oops >&2'");
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  it("streams the file once to a request without Authorization, as an attachment", async () => {
    const { url, expiresAt } = await mint();
    expect(url.startsWith(apiUrl("taskFileTicketDownload", { account, job, task }, { path: "stdout.txt", ticket: "" }).replace(/ticket=$/, ""))).toBe(true);
    const left = Date.parse(expiresAt) - Date.now();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(60_000);
    const res = await call(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="stdout.txt"/);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(await res.text()).toBe("ticket-bytes\n");
    const again = await call(url);
    expect(again.status).toBe(401);
    expect(((await again.json()) as { code: string }).code).toBe("invalid_ticket");
  });

  it("refuses the ticket for another file, and then for its own", async () => {
    const { url, ticket } = await mint();
    const other = await call(apiUrl("taskFileTicketDownload", { account, job, task }, { path: "stderr.txt", ticket }));
    expect(other.status).toBe(403);
    expect(await other.text()).not.toContain("oops");
    expect((await call(url)).status).toBe(401);
  });

  it("refuses the ticket when another user's token comes with it", async () => {
    const { url } = await mint();
    const res = await call(url, bob);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain("ticket-bytes");
  });

  it("needs a bearer token to mint, a real file, and a well-formed ticket to download", async () => {
    expect((await call(apiUrl("taskFileDownloadTicket", { account, job, task }, { path: "stdout.txt" }), undefined, { method: "POST" })).status).toBe(401);
    expect((await call(apiUrl("taskFileDownloadTicket", { account, job, task }, { path: "missing.txt" }), ada, { method: "POST" })).status).toBe(404);
    expect((await call(apiUrl("taskFileDownloadTicket", { account, job, task }, { path: "../x" }), ada, { method: "POST" })).status).toBe(400);
    expect((await call(apiUrl("taskFileTicketDownload", { account, job, task }, { path: "stdout.txt", ticket: "" }))).status).toBe(401);
    expect((await call(apiUrl("taskFileTicketDownload", { account, job, task }, { path: "stdout.txt", ticket: "A".repeat(43) }))).status).toBe(401);
    // A bearer token alone does not open the ticket route.
    expect((await call(apiUrl("taskFileTicketDownload", { account, job, task }, { path: "stdout.txt", ticket: "" }), ada)).status).toBe(401);
  });

  it("never logs a ticket", () => {
    const all = stack.logs.join("");
    expect(all).toContain("ticket-download");
    for (const ticket of minted) expect(all).not.toContain(ticket);
  });
});
