/**
 * The Batch account's auto-storage account as the BFF uses it: key-authenticated clients for
 * reading saved outputs, and short-lived container SAS URLs for "save to the account's storage".
 * The key comes from ARM listKeys (docs/CONFIGURATION.md, "Saved outputs") and stays in memory.
 */
import { BlobServiceClient, ContainerSASPermissions, generateBlobSASQueryParameters, StorageSharedKeyCredential, type ContainerClient } from "@azure/storage-blob";
import { parseIsoDuration } from "@batch-studio/shared";
import type { StorageAccountKey } from "../gateways/arm-gateway";

const HOUR_MS = 3_600_000;
/** A SAS lives at least this long: a task may wait in the queue before it runs and uploads. */
const MIN_SAS_MS = 24 * HOUR_MS;
/** …and at most this long, whatever the task's wall-clock limit says. */
export const MAX_SAS_MS = 7 * 24 * HOUR_MS;
/** Clock skew between the BFF and Storage: a SAS is valid from a little before it is made. */
const SKEW_MS = 5 * 60_000;

/**
 * When a write SAS for a task's outputs expires: a day from now, or the task's wall-clock limit
 * plus an hour when that is longer, never more than seven days (MAX_SAS_MS).
 */
export const outputSasExpiry = (now: Date, maxWallClockTime?: string): Date => {
  const wall = maxWallClockTime === undefined ? undefined : parseIsoDuration(maxWallClockTime);
  const lifetime = Math.min(MAX_SAS_MS, Math.max(MIN_SAS_MS, wall === undefined ? 0 : wall + HOUR_MS));
  return new Date(now.getTime() + lifetime);
};

/** "https://acct.blob.core.windows.net/c/x?sv=…" → "https://acct.blob.core.windows.net/c/x" (the comparable part of a URL). */
const withoutQuery = (url: string): string => {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`.replace(/\/+$/, "");
  } catch {
    return "";
  }
};

export class AccountStorage {
  private readonly credential: StorageSharedKeyCredential;
  private readonly service: BlobServiceClient;

  constructor(readonly account: StorageAccountKey) {
    this.credential = new StorageSharedKeyCredential(account.accountName, account.key);
    this.service = new BlobServiceClient(account.blobEndpoint, this.credential);
  }

  /** A key-authenticated client of one container (reads never need a SAS). */
  container(name: string): ContainerClient {
    return this.service.getContainerClient(name);
  }

  /** The container's URL without a query, as a destination names it. */
  containerUrl(name: string): string {
    return withoutQuery(this.container(name).url);
  }

  /** The container's name when `containerUrl` is one of this account's containers, else undefined. */
  containerOf(containerUrl: string): string | undefined {
    const base = withoutQuery(this.service.url);
    const url = withoutQuery(containerUrl);
    if (!url.toLowerCase().startsWith(`${base.toLowerCase()}/`)) return undefined;
    const name = decodeURIComponent(url.slice(base.length + 1));
    return /^[a-z0-9-]{3,63}$/.test(name) ? name : undefined;
  }

  /**
   * A URL of `name` with a SAS that may only write blobs of that container until `expiresOn`
   * (Batch needs write permission on an output container, nothing more). The container is
   * created first: Batch uploads into an existing container and fails the task otherwise.
   */
  async writeSasUrl(name: string, expiresOn: Date, now = new Date()): Promise<string> {
    const container = this.container(name);
    await container.createIfNotExists();
    const sas = generateBlobSASQueryParameters(
      { containerName: name, permissions: ContainerSASPermissions.parse("w"), startsOn: new Date(now.getTime() - SKEW_MS), expiresOn },
      this.credential,
    );
    return `${container.url}?${sas.toString()}`;
  }
}
