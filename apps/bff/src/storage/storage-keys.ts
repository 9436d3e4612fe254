import type { Operator } from "../auth/token-verifier";
import type { StorageAccountKey } from "../gateways/arm-gateway";
import { ExpiringCache } from "../http/expiring-cache";
import { AccountStorage } from "./account-storage";

/** How long a storage account's key is reused before ARM is asked again (keys rotate rarely; a rotation shows within this). */
const KEY_TTL_MS = 5 * 60_000;

/**
 * Auto-storage accounts per operator and storage account, so signing a thousand tasks' outputs is
 * two ARM calls, not two thousand. Per operator: each one's own ARM permission is what reads the
 * key. A failed read is not kept. Memory only.
 */
export class StorageKeyCache {
  private readonly entries = new ExpiringCache<string, Promise<AccountStorage>>(500);

  get(operator: Operator, storageAccountId: string, load: () => Promise<StorageAccountKey>): Promise<AccountStorage> {
    const key = `${operator.tenantId}.${operator.oid}|${storageAccountId.toLowerCase()}`;
    const hit = this.entries.get(key);
    if (hit) return hit;
    const loading = load().then((k) => new AccountStorage(k));
    this.entries.set(key, loading, Date.now() + KEY_TTL_MS);
    loading.catch(() => this.entries.delete(key));
    return loading;
  }
}
