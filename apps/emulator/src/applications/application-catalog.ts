/**
 * The Batch accounts' applications and their packages (ARM's
 * `Microsoft.Batch/batchAccounts/applications[/versions]`). ARM writes them; each account's data
 * plane reads them (GET /applications, reference checks, the nodes' downloads) through
 * `forAccount`. The package files themselves are blobs in the account's auto-storage account
 * (Azurite), one container per application, as Batch keeps them in the linked storage account
 * ("Deploy applications to compute nodes with Batch application packages", Microsoft Learn).
 *
 * The records live in memory, like every other ARM write of the local Azure: a restart of ARM
 * forgets them (the blobs stay in Azurite).
 */
import { createHash, randomUUID } from "node:crypto";

export type PackageState = "Pending" | "Active";

export interface PackageVersion {
  /** As created (case-preserving; looked up case-insensitively). */
  name: string;
  state: PackageState;
  format?: string;
  lastActivationTime?: string;
  etag: string;
  /** Where the package blob lies in the auto-storage account. */
  container: string;
  blobName: string;
}

export interface Application {
  name: string;
  displayName?: string;
  allowUpdates: boolean;
  defaultVersion?: string;
  etag: string;
  /** Lower-case version name → version. */
  versions: Map<string, PackageVersion>;
}

/** One Active package, as a node installs it. */
export interface ResolvedPackage {
  applicationId: string;
  version: string;
  /** The reference named no version: the application's default was taken. */
  viaDefault: boolean;
  lastActivationTime: string;
  container: string;
  blobName: string;
}

/** The data-plane ApplicationSummary (api-version 2022-10-01.16.0). */
export interface ApplicationSummaryWire {
  id: string;
  displayName: string;
  versions: string[];
}

/** What an account's data plane reads of its applications. */
export interface AccountApplications {
  summaries(): ApplicationSummaryWire[];
  /** The Active package a reference names, or why there is none (for the 409's Reason). */
  resolve(applicationId: string, version?: string): { found: ResolvedPackage } | { problem: string };
}

export const newEtag = () => `W/"0x${randomUUID().replace(/-/g, "").slice(0, 15).toUpperCase()}"`;

/**
 * A container name Storage accepts (3-63 lower-case letters, digits, single hyphens) for any
 * application id, which may hold `_` and upper case: `app-` and a digest of account and id.
 */
export const packageContainer = (account: string, applicationId: string) =>
  `app-${createHash("sha256").update(`${account.toLowerCase()}/${applicationId.toLowerCase()}`).digest("hex").slice(0, 40)}`;

export class ApplicationCatalog {
  private readonly accounts = new Map<string, Map<string, Application>>();

  /** The account's applications, keyed by lower-case name (made on first use). */
  applicationsOf(account: string): Map<string, Application> {
    const key = account.toLowerCase();
    let apps = this.accounts.get(key);
    if (!apps) this.accounts.set(key, (apps = new Map()));
    return apps;
  }

  forAccount(account: string): AccountApplications {
    const apps = () => this.applicationsOf(account);
    return {
      summaries: () =>
        [...apps().values()].map((a) => ({
          id: a.name,
          displayName: a.displayName ?? a.name,
          versions: [...a.versions.values()].filter((v) => v.state === "Active").map((v) => v.name),
        })),
      resolve(applicationId, version) {
        const app = apps().get(applicationId.toLowerCase());
        if (!app) return { problem: `The account has no application "${applicationId}".` };
        const wanted = version ?? app.defaultVersion;
        if (wanted === undefined)
          return {
            problem: `The reference names no version and application "${app.name}" has no default version.`,
          };
        const v = app.versions.get(wanted.toLowerCase());
        if (!v) return { problem: `Application "${app.name}" has no version "${wanted}".` };
        if (v.state !== "Active" || !v.lastActivationTime)
          return { problem: `Version "${v.name}" of application "${app.name}" is not active.` };
        return {
          found: {
            applicationId: app.name,
            version: v.name,
            viaDefault: version === undefined,
            lastActivationTime: v.lastActivationTime,
            container: v.container,
            blobName: v.blobName,
          },
        };
      },
    };
  }
}
