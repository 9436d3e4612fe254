import { ensurePrivateDir, writePrivateFile } from "./private-files";
import { join, resolve } from "node:path";
import { startIdentity, type LocalIdentity } from "./identity";
import { startArm, type LocalArm } from "./arm";
import { startBatchAccount, type BatchAccountHandle, type RuntimeInfo, type TimeScale } from "./batch";
import { DEFAULT_SEED, type LocalAzureSeed } from "./seed";
import { batchAccountScope, type RoleAssignmentInput } from "./rbac";
import { chooseRuntime, type RuntimeChoice } from "./runtime-choice";
import { PortInUseError, type TlsFiles } from "./listen";
import { ensureDemoWorkload } from "./demo-workload";
import { storageAccountAccess, type LocalStorage } from "./storage/local-storage";
import {
  BFF_API_SCOPE,
  BFF_CLIENT_ID,
  DEFAULT_BFF_CLIENT_SECRET,
  DEFAULT_HOST,
  DEFAULT_PORTS,
  DEFAULT_SPA_ORIGINS,
  SPA_CLIENT_ID,
  WELL_KNOWN_ACCOUNT_KEYS,
} from "./local-azure-constants";

export interface LocalAzurePorts {
  identity?: number;
  arm?: number;
  /** One per seeded account, in seed order. */
  batch?: number[];
}

export interface LocalAzureOptions {
  /** Everything persistent: identity keys and sessions, Batch stores and node folders. */
  dataDir: string;
  /** Defaults are the well-known ports (4400, 4401, 4410, 4411); pass 0s in tests. */
  ports?: LocalAzurePorts;
  host?: string;
  runtime?: RuntimeChoice;
  spaOrigins?: string[];
  bffClientSecret?: string;
  timeScale?: TimeScale;
  seed?: LocalAzureSeed;
  /** ARM list page size (tests use small ones to exercise nextLink). */
  armPageSize?: number;
  /**
   * Object ids of users who hold Reader on the tenant's subscriptions instead of their seeded roles
   * (ARM reads only; the data plane refuses them jobs, as Reader holds no Batch dataActions).
   */
  armReaders?: string[];
  /** Further role assignments, by built-in role name and scope (see apps/emulator/README.md, "Roles"). */
  roleAssignments?: RoleAssignmentInput[];
  /** Serve the identity provider over https with this certificate (see README, "https"). */
  identityTls?: TlsFiles;
  /** Create the seeded demo workload (a pool with finished tasks) on first start. Default false. */
  demo?: boolean;
  /** A running Azurite blob service: ARM serves the seeded storage accounts, linked as auto-storage. */
  storage?: LocalStorage;
}

export interface LocalBatchAccount {
  name: string;
  region: string;
  /** Bare origin for a Batch SDK, e.g. http://127.0.0.1:4410. */
  url: string;
  /** host:port, as ARM's properties.accountEndpoint reports it. */
  endpoint: string;
  key: string;
  subscriptionId: string;
  resourceGroup: string;
}

export interface LocalAzure {
  identity: LocalIdentity;
  arm: LocalArm;
  accounts: LocalBatchAccount[];
  runtimeInfo: RuntimeInfo;
  /** The document written to <dataDir>/endpoints.json. */
  endpoints: LocalAzureEndpoints;
  close(): Promise<void>;
}

/** `<dataDir>/endpoints.json`: how tools and scripts/stack.mjs find the running local Azure. */
export interface LocalAzureEndpoints {
  pid: number;
  startedAt: string;
  identity: {
    url: string;
    tenantId: string;
    issuer: string;
    authority: string;
    authorityMetadata: string;
    knownAuthorities: string[];
    jwksUri: string;
  };
  clients: {
    spaClientId: string;
    bffClientId: string;
    bffClientSecret: string;
    apiScope: string;
    spaOrigins: string[];
  };
  arm: { url: string; subscriptionId: string };
  /** The blob service behind the storage accounts (their keys: ARM listKeys). */
  storage?: LocalStorage;
  accounts: LocalBatchAccount[];
  runtime: RuntimeInfo & { reason: string };
}

function batchPort(ports: LocalAzurePorts | undefined, index: number): number {
  if (ports?.batch) return ports.batch[index] ?? 0;
  return DEFAULT_PORTS.batch[index] ?? 0;
}

/** Closes what was started, newest first, without letting one failure skip the rest. */
async function closeAll(closers: (() => Promise<void>)[]): Promise<void> {
  for (const close of [...closers].reverse()) await close().catch(() => undefined);
}

/**
 * The whole local Azure, like Azurite for Storage: an Entra-shaped identity provider, the ARM
 * calls the portal makes, and one Batch data plane per seeded account.
 */
export async function startLocalAzure(options: LocalAzureOptions): Promise<LocalAzure> {
  const dataDir = resolve(options.dataDir);
  const host = options.host ?? DEFAULT_HOST;
  const seed = options.seed ?? DEFAULT_SEED;
  const spaOrigins = options.spaOrigins ?? DEFAULT_SPA_ORIGINS;
  const bffClientSecret = options.bffClientSecret ?? DEFAULT_BFF_CLIENT_SECRET;
  await ensurePrivateDir(dataDir);

  const closers: (() => Promise<void>)[] = [];
  try {
    const identity = await startIdentity({
      port: options.ports?.identity ?? DEFAULT_PORTS.identity,
      host,
      dataDir,
      spaOrigins,
      bffClientSecret,
      ...(options.identityTls ? { tls: options.identityTls } : {}),
    });
    closers.push(() => identity.close());

    const arm = await startArm({
      port: options.ports?.arm ?? DEFAULT_PORTS.arm,
      host,
      identity,
      seed,
      pageSize: options.armPageSize,
      readers: options.armReaders,
      roleAssignments: options.roleAssignments,
      storage: options.storage,
    });
    closers.push(() => arm.close());

    const { runtime, reason: runtimeReason } = await chooseRuntime(
      options.runtime ?? "auto",
      join(dataDir, "batch"),
    );
    const accounts: LocalBatchAccount[] = [];
    let runtimeInfo: RuntimeInfo = runtime.info();
    for (const [index, account] of seed.batchAccounts.entries()) {
      const port = batchPort(options.ports, index);
      const key =
        WELL_KNOWN_ACCOUNT_KEYS[account.name] ??
        Buffer.from(`${account.name}-local-key`.padEnd(64, "-")).toString("base64");
      let handle: BatchAccountHandle;
      try {
        handle = await startBatchAccount({
          name: account.name,
          key,
          region: account.location,
          dataDir: join(dataDir, "batch", account.name),
          host,
          port,
          bearer: { issuer: identity.issuer, jwksUri: identity.jwksUri },
          // The same role table ARM checks, at this account's resource id.
          authorization: { access: arm.access, accountId: batchAccountScope(seed, account) },
          supportedImages: [...seed.supportedImages],
          galleryLookup: async (imageId) => arm.galleryLookup(imageId),
          runtime,
          timeScale: options.timeScale,
          autoStorage:
            options.storage && account.autoStorageAccount
              ? storageAccountAccess(options.storage, account.autoStorageAccount)
              : undefined,
          applications: arm.applications.forAccount(account.name),
        });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "EADDRINUSE")
          throw new PortInUseError(`batch account ${account.name}`, host, port);
        throw err;
      }
      closers.push(() => handle.close());
      runtimeInfo = handle.runtimeInfo;
      const endpoint = new URL(handle.url).host;
      arm.setAccountEndpoint(account.name, endpoint, key);
      accounts.push({
        name: account.name,
        region: account.location,
        url: handle.url,
        endpoint,
        key,
        subscriptionId: seed.subscription.subscriptionId,
        resourceGroup: account.resourceGroup,
      });
    }

    const endpoints: LocalAzureEndpoints = {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      identity: {
        url: identity.url,
        tenantId: identity.tenantId,
        issuer: identity.issuer,
        authority: identity.authority,
        authorityMetadata: identity.authorityMetadata,
        knownAuthorities: identity.knownAuthorities,
        jwksUri: identity.jwksUri,
      },
      clients: {
        spaClientId: SPA_CLIENT_ID,
        bffClientId: BFF_CLIENT_ID,
        bffClientSecret,
        apiScope: BFF_API_SCOPE,
        spaOrigins,
      },
      arm: { url: arm.url, subscriptionId: seed.subscription.subscriptionId },
      ...(options.storage ? { storage: options.storage } : {}),
      accounts,
      runtime: { ...runtimeInfo, reason: runtimeReason },
    };
    if (options.demo) {
      const demo = await ensureDemoWorkload(accounts, dataDir);
      if (demo === "created")
        console.log("local azure: demo workload submitted (pool demo-pool, job demo-nightly-report)");
    }

    const file = join(dataDir, "endpoints.json");
    // Holds the account keys and the BFF's client secret.
    await writePrivateFile(file, JSON.stringify(endpoints, null, 2));

    let closed: Promise<void> | undefined;
    return { identity, arm, accounts, runtimeInfo, endpoints, close: () => (closed ??= closeAll(closers)) };
  } catch (err) {
    await closeAll(closers);
    throw err;
  }
}
