/**
 * The local Storage: an Azurite blob service holding the seeded storage accounts. Azurite names an
 * account by the first path segment when it is reached by IP address, so an account's blob
 * endpoint is `<origin>/<account>/` where Azure's is `https://<account>.blob.core.windows.net/`;
 * everything else (SAS, SharedKey, the REST API) is the real Storage protocol.
 */
import { WELL_KNOWN_STORAGE_KEYS } from "../local-azure-constants";
import type { SeedStorageAccount } from "../seed";

/** A running blob service the local Azure links its storage accounts to. */
export interface LocalStorage {
  /** Origin of the blob service, e.g. http://127.0.0.1:4402. */
  blobUrl: string;
}

/** One storage account as the Batch data plane uses it for auto-storage. */
export interface StorageAccountAccess {
  name: string;
  /** e.g. http://127.0.0.1:4402/contosoweudata (no trailing slash). */
  blobEndpoint: string;
  /** key1, kept in memory only. */
  key: string;
}

/** The keys of a seeded account (the well-known ones, else derived from its name). */
export function storageKeys(name: string): readonly [string, string] {
  const known = WELL_KNOWN_STORAGE_KEYS[name.toLowerCase()];
  if (known) return known;
  const derive = (n: number) => Buffer.from(`${name}-azurite-key${n}`.padEnd(64, "!")).toString("base64");
  return [derive(1), derive(2)];
}

export const blobEndpoint = (storage: LocalStorage, account: string) =>
  `${storage.blobUrl.replace(/\/+$/, "")}/${account}`;

export function storageAccountAccess(storage: LocalStorage, name: string): StorageAccountAccess {
  return { name, blobEndpoint: blobEndpoint(storage, name), key: storageKeys(name)[0] };
}

/** Azurite's AZURITE_ACCOUNTS value ("name:key1:key2;…") for the seeded accounts. */
export function azuriteAccounts(accounts: readonly Pick<SeedStorageAccount, "name">[]): string {
  return accounts.map((a) => [a.name, ...storageKeys(a.name)].join(":")).join(";");
}

export interface AzuriteArgs {
  host: string;
  /** 0 picks a free port (tests); the listening line names the real one. */
  port: number;
  /** Folder for Azurite's metadata and blob data. */
  location: string;
}

/**
 * Command-line arguments of Azurite's blob service: loopback, data in `location`, no telemetry
 * (it would phone home), quiet access log, and any API version (the SDKs may be newer than it).
 */
export const azuriteArgs = (a: AzuriteArgs): string[] => [
  "--blobHost",
  a.host,
  "--blobPort",
  String(a.port),
  "--location",
  a.location,
  "--disableTelemetry",
  "--skipApiVersionCheck",
  "--silent",
];
