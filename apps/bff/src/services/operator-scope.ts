import type { HttpClient } from "@azure/ms-rest-js";
import type { Logger } from "pino";
import type { AccountSummary } from "@batch-studio/shared";
import type { BffConfig } from "../config";
import { batchCredentials } from "../auth/downstream-credentials";
import type { OnBehalfOfTokens } from "../auth/on-behalf-of";
import type { Operator } from "../auth/token-verifier";
import type { AccountDirectory } from "../gateways/account-directory";
import { ArmGateway } from "../gateways/arm-gateway";
import { BatchGateway } from "../gateways/batch-gateway";
import { ExpiringCache } from "../http/expiring-cache";
import type { RegistryProbe } from "../registry/registry-probe";
import type { LiveValidation } from "./live-validation";
import { problem } from "../http/problem";
import type { AccountStorage } from "../storage/account-storage";
import type { StorageKeyCache } from "../storage/storage-keys";

/** Everything long-lived the handlers use; built once by createBffApp. */
export interface Services {
  config: BffConfig;
  logger: Logger;
  tokens: OnBehalfOfTokens;
  accounts: AccountDirectory;
  probe: RegistryProbe;
  validation: LiveValidation;
  /** Auto-storage accounts' keys, read through ARM per operator (saved outputs, signed destinations). */
  storageKeys: StorageKeyCache;
  followIntervalMs: number;
}

const MAX_GATEWAYS = 1_000;

/**
 * Batch clients are cached per operator and endpoint (one per request would be ~10 µs of setup and
 * garbage on every call).
 * The credential reads the operator from a holder refreshed on every request, so a client never
 * signs with an API token the operator has since replaced.
 */
export class GatewayCache {
  private readonly entries: ExpiringCache<string, { gateway: BatchGateway; holder: { operator: Operator } }>;

  constructor(
    private readonly tokens: OnBehalfOfTokens,
    /** One keep-alive transport shared by every client (see batch-transport.ts). */
    private readonly httpClient?: HttpClient,
    maxEntries = MAX_GATEWAYS,
  ) {
    this.entries = new ExpiringCache(maxEntries);
  }

  batchFor(operator: Operator, batchUrl: string): BatchGateway {
    const key = `${operator.tenantId}.${operator.oid}|${batchUrl}`;
    const hit = this.entries.get(key);
    if (hit) {
      hit.holder.operator = operator;
      return hit.gateway;
    }
    const holder = { operator };
    const credentials = {
      signRequest: (r: Parameters<ReturnType<typeof batchCredentials>["signRequest"]>[0]) => batchCredentials(this.tokens, holder.operator).signRequest(r),
    };
    const gateway = new BatchGateway(batchUrl, credentials, this.httpClient);
    // No expiry: a client holds no token (it asks OnBehalfOfTokens on every request), only the bound.
    this.entries.set(key, { gateway, holder }, Infinity);
    return gateway;
  }
}

/** What one authenticated request can reach, on behalf of its operator. */
export class OperatorScope {
  constructor(
    readonly services: Services,
    readonly operator: Operator,
    private readonly gateways: GatewayCache,
    readonly logger: Logger,
  ) {}

  arm(): ArmGateway {
    return new ArmGateway(this.services.config.armEndpoint, this.services.tokens, this.operator);
  }

  account(accountId: string): Promise<AccountSummary> {
    return this.services.accounts.resolve(this.operator, accountId, () => this.arm());
  }

  batchUrlOf(account: AccountSummary): string {
    return `${this.services.config.batchScheme}://${account.endpoint.replace(/^https?:\/\//, "").replace(/\/+$/, "")}`;
  }

  async batch(accountId: string): Promise<BatchGateway> {
    return this.gateways.batchFor(this.operator, this.batchUrlOf(await this.account(accountId)));
  }

  /**
   * The Batch account's auto-storage account with its key, read through ARM as this operator.
   * 409 when none is linked; 403 when the operator may not read its keys (Azure's Reader role
   * cannot: listKeys is an action of its own).
   */
  async autoStorage(accountId: string): Promise<AccountStorage> {
    const account = await this.account(accountId);
    const id = account.autoStorageAccountId;
    if (!id)
      throw problem(409, "no_auto_storage", `The Batch account ${account.name} has no auto-storage account`, {
        detail: "Link a storage account to it (the Batch account's Storage account setting in Azure), or send the outputs to a container URL with a write SAS.",
      });
    try {
      return await this.services.storageKeys.get(this.operator, id, () => this.arm().storageAccountKey(id));
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 403) throw err;
      throw problem(403, "AuthorizationFailed", `You may not read the keys of ${account.name}'s auto-storage account`, {
        detail: "The portal signs and reads the account's storage with its key, which needs Microsoft.Storage/storageAccounts/listKeys/action (e.g. the Storage Account Key Operator Service Role or Contributor on the storage account).",
      });
    }
  }
}
