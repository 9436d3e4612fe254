import express, { type NextFunction, type Request, type Response } from "express";
import type { Server } from "node:http";
import type { GalleryImageFact } from "@batch-studio/shared";
import { ApplicationCatalog } from "../applications/application-catalog";
import { DEFAULT_HOST } from "../local-azure-constants";
import { DEFAULT_SEED, type LocalAzureSeed } from "../seed";
import type { LocalStorage } from "../storage/local-storage";
import { listen } from "../listen";
import { createArmAuthenticator, type ArmIdentityConfig, type Clock } from "./arm-auth";
import { ArmError, sendArmError } from "./arm-errors";
import { dispatchArm, type ArmContext } from "./arm-routes";
import { lookupGalleryImage } from "./gallery-lookup";
import { AccessControl, roleNamed, seededRoleAssignments, type RoleAssignmentInput } from "../rbac";
import { ArmReply, GalleryOperations } from "./gallery-writes";

export interface ArmOptions {
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
  identity: ArmIdentityConfig;
  seed?: LocalAzureSeed;
  /** Items per page of every list (ARM uses up to 1,000; small values let tests exercise nextLink). */
  pageSize?: number;
  /** Batch account name → host:port of its local data plane (properties.accountEndpoint). */
  accountEndpoints?: Record<string, string>;
  /** Batch account name → shared key (answered by listKeys). */
  accountKeys?: Record<string, string>;
  /** Object ids of service principals that keep full access (Contributor and Batch data) on every subscription. */
  appPrincipals?: string[];
  /** Object ids of users who hold Reader on the tenant's subscriptions instead of their seeded roles. */
  readers?: string[];
  /** Further role assignments (built-in roles by name), e.g. to give a typed-in operator a role. */
  roleAssignments?: RoleAssignmentInput[];
  /**
   * The role table to check instead of the one built from the options above; give the same one
   * to the Batch accounts' data planes so both answer alike (startLocalAzure does).
   */
  access?: AccessControl;
  /** How long a gallery write (e.g. new replicas) stays "Updating" before it succeeds. Default 1.5 s. */
  replicationMs?: number;
  /** Clock for token expiry checks and long-running operations (tests). */
  now?: Clock;
  /** The blob service of the seeded storage accounts (Azurite); they are linked as auto-storage. */
  storage?: LocalStorage;
  /** The Batch accounts' applications; default a new, empty catalog. */
  applications?: ApplicationCatalog;
}

/** The seeded role assignments with the options' changes: what ARM and the data planes check. */
export function accessControlFor(
  seed: LocalAzureSeed,
  options: Pick<ArmOptions, "appPrincipals" | "readers" | "roleAssignments">,
): AccessControl {
  return new AccessControl(
    seededRoleAssignments(seed, {
      appPrincipals: options.appPrincipals,
      readers: options.readers,
      extra: (options.roleAssignments ?? []).map((a) => ({
        principalId: a.principalId,
        role: roleNamed(a.roleName),
        scope: a.scope,
      })),
    }),
  );
}

export interface LocalArm {
  /** e.g. http://127.0.0.1:4401 — the ARM SDKs' `endpoint`. */
  url: string;
  galleryLookup(imageId: string): GalleryImageFact;
  /** Points an account at its data plane once that listens (the ports may be chosen after ARM starts). */
  setAccountEndpoint(name: string, endpoint: string, key?: string): void;
  /** The applications ARM serves; give `applications.forAccount(name)` to the account's data plane. */
  applications: ApplicationCatalog;
  /** The role table ARM checks (give it to the data planes). */
  access: AccessControl;
  close(): Promise<void>;
}

const lowerKeys = (record: Record<string, string> = {}) =>
  new Map(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));

/**
 * The subset of Azure Resource Manager the portal calls: subscriptions, Batch accounts, Batch VM
 * SKUs per location, and Shared Image Gallery galleries/images/versions from the seed; a version's
 * target regions and replica counts can be changed (PATCH, a long-running operation).
 */
export async function startArm(options: ArmOptions): Promise<LocalArm> {
  const host = options.host ?? DEFAULT_HOST;
  // Writes (replica counts) change this server's copy only: the seed stays as it was for the next start.
  const seed = structuredClone(options.seed ?? DEFAULT_SEED);
  const authenticate = createArmAuthenticator(options.identity, options.now);
  const app = express();
  app.disable("x-powered-by");
  app.disable("etag");

  const ctx: ArmContext = {
    seed,
    baseUrl: "",
    pageSize: options.pageSize ?? 100,
    accountEndpoints: lowerKeys(options.accountEndpoints),
    accountKeys: lowerKeys(options.accountKeys),
    access: options.access ?? accessControlFor(seed, options),
    operations: new GalleryOperations(options.replicationMs ?? 1_500, options.now ?? Date.now),
    storage: options.storage,
    startedAt: new Date((options.now ?? Date.now)()).toISOString(),
    applications: options.applications ?? new ApplicationCatalog(),
  };

  app.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });

  app.use(express.json({ limit: "1mb" }));
  app.use(async (req: Request, res: Response, next: NextFunction) => {
    try {
      const caller = await authenticate(req.get("authorization"));
      const url = new URL(req.originalUrl, ctx.baseUrl);
      const segments = url.pathname.split("/").filter(Boolean);
      // Application package writes reach the blob service, so a handler may answer later.
      const body = await dispatchArm(
        ctx,
        {
          method: req.method,
          segments,
          apiVersion: url.searchParams.get("api-version") ?? undefined,
          caller,
        },
        req,
      );
      res.set("x-ms-request-id", crypto.randomUUID());
      if (body instanceof ArmReply && body.body === undefined)
        res.status(body.status).set(body.headers).end();
      else if (body instanceof ArmReply) res.status(body.status).set(body.headers).json(body.body);
      else res.json(body);
    } catch (err) {
      if (err instanceof ArmError) sendArmError(res, err);
      else next(err);
    }
  });

  // Anything unexpected: ARM's InternalServerError shape, never a stack trace.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    void _next;
    if ((err as { type?: string }).type === "entity.parse.failed") {
      sendArmError(
        res,
        new ArmError(
          400,
          "InvalidRequestContent",
          "The request content was invalid and could not be deserialized.",
        ),
      );
      return;
    }
    console.error("arm: unexpected error", err instanceof Error ? err.message : err);
    sendArmError(
      res,
      new ArmError(500, "InternalServerError", "The local ARM emulator failed to process the request."),
    );
  });

  const server: Server = await listen(app, options.port, host, "arm");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  ctx.baseUrl = url;

  return {
    url,
    galleryLookup: (imageId) => lookupGalleryImage(seed, imageId),
    applications: ctx.applications,
    access: ctx.access,
    setAccountEndpoint(name, endpoint, key) {
      ctx.accountEndpoints.set(name.toLowerCase(), endpoint);
      if (key) ctx.accountKeys.set(name.toLowerCase(), key);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
