import { describe, expect, it } from "vitest";
import type { Operator } from "../auth/token-verifier";
import { HttpProblem } from "../http/problem";
import { DownloadTickets, fileTargetOf } from "./download-tickets";

const ada: Operator = { oid: "oid-ada", tenantId: "t1", scopes: ["access_as_user"], assertion: "token-ada" };
const bob: Operator = { oid: "oid-bob", tenantId: "t1", scopes: ["access_as_user"], assertion: "token-bob" };
const stdout = fileTargetOf({ account: "s~rg~a", job: "j1", task: "t1" }, "stdout.txt");

/** A clock the test moves by hand. */
const clock = () => {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

const statusOf = (fn: () => unknown): number => {
  try {
    fn();
  } catch (err) {
    if (err instanceof HttpProblem) return err.problem.status;
    throw err;
  }
  throw new Error("expected a refusal");
};

describe("DownloadTickets", () => {
  it("mints 256-bit base64url tickets that open their file once, for their owner", () => {
    const tickets = new DownloadTickets();
    const { ticket } = tickets.mint(ada, stdout);
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tickets.mint(ada, stdout).ticket).not.toBe(ticket);
    expect(tickets.redeem(ticket, stdout)).toBe(ada);
    expect(statusOf(() => tickets.redeem(ticket, stdout))).toBe(401); // single use
  });

  it("refuses an expired ticket with 410, and sweeps expired ones", () => {
    const c = clock();
    const tickets = new DownloadTickets(60_000, c.now);
    const { ticket, expiresAt } = tickets.mint(ada, stdout);
    expect(expiresAt.getTime()).toBe(c.now() + 60_000);
    c.advance(59_999);
    const fresh = tickets.mint(ada, stdout).ticket;
    c.advance(1);
    expect(statusOf(() => tickets.redeem(ticket, stdout))).toBe(410);
    c.advance(60_000);
    tickets.mint(ada, stdout); // sweeps `fresh`, now expired
    expect(tickets.size).toBe(1);
    expect(statusOf(() => tickets.redeem(fresh, stdout))).toBe(401);
  });

  it("refuses a ticket for another file, and burns it", () => {
    const tickets = new DownloadTickets();
    const { ticket } = tickets.mint(ada, stdout);
    const stderr = fileTargetOf({ account: "s~rg~a", job: "j1", task: "t1" }, "stderr.txt");
    const otherTask = fileTargetOf({ account: "s~rg~a", job: "j1", task: "t2" }, "stdout.txt");
    const node = fileTargetOf({ account: "s~rg~a", pool: "j1", node: "t1" }, "stdout.txt");
    expect(new Set([stdout, stderr, otherTask, node]).size).toBe(4);
    expect(statusOf(() => tickets.redeem(ticket, stderr))).toBe(403);
    expect(statusOf(() => tickets.redeem(ticket, stdout))).toBe(401);
  });

  it("refuses a ticket presented with another user's token", () => {
    const tickets = new DownloadTickets();
    const { ticket } = tickets.mint(ada, stdout);
    expect(statusOf(() => tickets.redeem(ticket, stdout, bob))).toBe(403);
    const again = tickets.mint(ada, stdout).ticket;
    expect(tickets.redeem(again, stdout, { ...ada, assertion: "a newer token" })).toBe(ada);
  });

  it("never puts the ticket itself in its table or its errors", () => {
    const tickets = new DownloadTickets();
    const { ticket } = tickets.mint(ada, stdout);
    expect(JSON.stringify([...(tickets as unknown as { entries: Map<string, unknown> }).entries.keys()])).not.toContain(ticket);
    tickets.redeem(ticket, stdout);
    let refusal: unknown;
    try {
      tickets.redeem(ticket, stdout);
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(HttpProblem);
    expect(JSON.stringify((refusal as HttpProblem).problem)).not.toContain(ticket);
  });
});
