import { parseAccountId, problemCodes, type AccountSummary, type AccountsResponse, type SubscriptionAccounts } from "@batch-studio/shared";
import { accountIdOf } from "@batch-studio/shared";
import type { BffConfig } from "../config";
import { ExpiringCache } from "../http/expiring-cache";
import { problem, toProblem } from "../http/problem";
import type { Operator } from "../auth/token-verifier";
import type { ArmGateway } from "./arm-gateway";

const RESOLVE_TTL_MS = 60_000;
const MAX_ENTRIES = 2_000;

/**
 * Which Batch accounts the operator can use, and where their endpoints are: from ARM (what the
 * operator's own ARM permissions show) or from a fixed list in configuration.
 */
export class AccountDirectory {
  private readonly resolved: ExpiringCache<string, AccountSummary>;

  constructor(
    private readonly config: Pick<BffConfig, "accounts">,
    private readonly now: () => number = Date.now,
  ) {
    this.resolved = new ExpiringCache(MAX_ENTRIES, now);
  }

  private fixed(): AccountSummary[] {
    if (this.config.accounts.discovery !== "fixed") return [];
    return this.config.accounts.list.map((a) => ({
      id: accountIdOf({ subscriptionId: a.subscriptionId, resourceGroup: a.resourceGroup, accountName: a.name }),
      name: a.name,
      subscriptionId: a.subscriptionId,
      resourceGroup: a.resourceGroup,
      location: a.location,
      endpoint: a.endpoint,
      quotas: {},
    }));
  }

  async list(arm: ArmGateway): Promise<AccountsResponse> {
    if (this.config.accounts.discovery === "fixed") {
      const bySub = new Map<string, SubscriptionAccounts>();
      for (const a of this.fixed()) {
        const entry = bySub.get(a.subscriptionId) ?? { subscriptionId: a.subscriptionId, accounts: [] };
        entry.accounts.push(a);
        bySub.set(a.subscriptionId, entry);
      }
      return { subscriptions: [...bySub.values()] };
    }
    const subscriptions = await arm.listSubscriptions();
    // One subscription failing (no permission, throttled) must not hide the others.
    const results = await Promise.all(
      subscriptions.map(async (s): Promise<SubscriptionAccounts> => {
        const entry: SubscriptionAccounts = { subscriptionId: s.subscriptionId, accounts: [] };
        if (s.displayName !== undefined) entry.displayName = s.displayName;
        try {
          entry.accounts = await arm.listBatchAccounts(s.subscriptionId);
        } catch (err) {
          entry.error = toProblem(err).problem;
        }
        return entry;
      }),
    );
    return { subscriptions: results };
  }

  async resolve(operator: Operator, accountId: string, arm: () => ArmGateway): Promise<AccountSummary> {
    const coords = parseAccountId(accountId);
    if (!coords) {
      throw problem(404, problemCodes.notFound, "Unknown Batch account", {
        detail: "account ids look like <subscriptionId>~<resourceGroup>~<accountName>",
      });
    }
    if (this.config.accounts.discovery === "fixed") {
      const found = this.fixed().find((a) => a.id.toLowerCase() === accountId.toLowerCase());
      if (!found) throw problem(404, problemCodes.notFound, "Unknown Batch account");
      return found;
    }
    // Per operator: what one user's ARM permissions showed is never answered to another.
    const key = `${operator.tenantId}.${operator.oid}|${accountId.toLowerCase()}`;
    const hit = this.resolved.get(key);
    if (hit) return hit;
    const account = await arm().getBatchAccount(coords.subscriptionId, coords.resourceGroup, coords.accountName);
    this.resolved.set(key, account, this.now() + RESOLVE_TTL_MS);
    return account;
  }
}
