import { createHash, randomBytes } from "node:crypto";
import type { Operator } from "../auth/token-verifier";
import { problem } from "../http/problem";

/** How long a minted ticket may wait before its one use. */
export const DOWNLOAD_TICKET_TTL_MS = 60_000;
/** Outstanding tickets kept at most; the oldest goes first (each user can mint only at the rate limit). */
const MAX_TICKETS = 10_000;

/**
 * The one file a ticket opens: the account, the task (job + task) or the node (pool + node), and
 * the path. Built from a route's path parameters, so minting and redeeming name it the same way.
 */
export const fileTargetOf = (params: Record<string, string | undefined>, path: string): string =>
  JSON.stringify([params.account ?? "", params.job ?? null, params.task ?? null, params.pool ?? null, params.node ?? null, path]);

interface Entry {
  operator: Operator;
  target: string;
  expiresAt: number;
}

export interface MintedTicket {
  ticket: string;
  expiresAt: Date;
}

const invalidTicket = (title: string) =>
  problem(401, "invalid_ticket", title, { detail: "Ask for a new download link (POST …/files/download-ticket)." });

/** Tickets are stored by their SHA-256, so the table never holds a usable ticket. */
const keyOf = (ticket: string) => createHash("sha256").update(ticket).digest("base64url");

/**
 * Short-lived, single-use, user-bound download tickets. A browser link cannot carry an
 * Authorization header, so the SPA trades its bearer token for a ticket that opens exactly one
 * file once, and lets the browser stream that file straight to disk. The operator (with the
 * access token the BFF needs for on-behalf-of) is kept server-side for the ticket's short life.
 * Tickets live in this process's memory: one BFF instance, or sticky sessions, per user.
 */
export class DownloadTickets {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = DOWNLOAD_TICKET_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  mint(operator: Operator, target: string): MintedTicket {
    this.sweep();
    if (this.entries.size >= MAX_TICKETS) this.entries.delete(this.entries.keys().next().value!);
    const ticket = randomBytes(32).toString("base64url"); // 256 random bits
    const expiresAt = this.now() + this.ttlMs;
    this.entries.set(keyOf(ticket), { operator, target, expiresAt });
    return { ticket, expiresAt: new Date(expiresAt) };
  }

  /**
   * Spends the ticket, whatever the outcome: a ticket shown for the wrong file or by the wrong
   * user is burnt too, so a leaked one cannot be tried again. `presentedBy` is the operator of a
   * bearer token sent along (links send none); when present it must be the ticket's owner.
   */
  redeem(ticket: string, target: string, presentedBy?: Operator): Operator {
    const key = keyOf(ticket);
    const entry = this.entries.get(key);
    this.entries.delete(key);
    if (!entry) throw invalidTicket("This download link is not valid or was already used");
    if (entry.expiresAt <= this.now()) throw problem(410, "ticket_expired", "This download link has expired", { detail: "Download links work for 60 seconds; ask for a new one." });
    if (entry.target !== target) throw problem(403, "ticket_mismatch", "This download link is for a different file");
    if (presentedBy && (presentedBy.oid !== entry.operator.oid || presentedBy.tenantId !== entry.operator.tenantId)) {
      throw problem(403, "ticket_mismatch", "This download link belongs to another user");
    }
    return entry.operator;
  }

  /** Every ticket lives equally long, so insertion order is expiry order: drop from the front. */
  private sweep() {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) break;
      this.entries.delete(key);
    }
  }
}
