import type { Server } from "node:http";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import type { DestinationStream, Logger } from "pino";
import { apiRouteEntries, apiRoutes, PROBLEM_CONTENT_TYPE, problemCodes, responseContractProblem, type ApiRouteName } from "@batch-studio/shared";
import type { BffConfig } from "./config";
import { createLogger } from "./logger";
import { createMetadataSource } from "./auth/openid-metadata";
import { OnBehalfOfTokens } from "./auth/on-behalf-of";
import { createTokenVerifier, type Operator } from "./auth/token-verifier";
import { DownloadTickets } from "./files/download-tickets";
import { ticketAuth } from "./files/ticket-auth";
import { AccountDirectory } from "./gateways/account-directory";
import { BatchHttpClient, createBatchDispatcher } from "./gateways/batch-transport";
import { cors } from "./http/cors";
import { fixedHeaders } from "./http/fixed-headers";
import { sendJson } from "./http/json-response";
import { problem, toProblem } from "./http/problem";
import { createRateLimiter } from "./http/rate-limit";
import { FailedAuthBudget } from "./auth/failed-auth-budget";
import { routeShapes } from "./http/route-shapes";
import { MemoryWindowCounter } from "./state/window-counter";
import { requestLog } from "./http/request-log";
import { staticSpa } from "./http/static-spa";
import { parseOr400 } from "./http/validate";
import { RegistryProbe } from "./registry/registry-probe";
import { handlers } from "./routes/handlers";
import type { HandlerContext, RouteOf } from "./routes/handler-types";
import { LiveValidation } from "./services/live-validation";
import { GatewayCache, OperatorScope, type Services } from "./services/operator-scope";
import { StorageKeyCache } from "./storage/storage-keys";
import { isAuditedRoute } from "./audit/audited-routes";
import { AuditTrail } from "./audit/audit-trail";
import { BULK_OPERATION_HEADER, bulkOperationIdOr400, readBulkOperationId } from "./audit/bulk-operation-id";
import { currentRequestContext } from "./http/request-context";

export interface BffAppOptions {
  /** Where logs go (tests capture them); stdout by default. */
  logDestination?: DestinationStream;
  logger?: Logger;
  /** Poll interval of file follow streams. */
  followIntervalMs?: number;
}

export interface BffApp {
  app: express.Express;
  services: Services;
  /** Starts listening; port 0 picks a free one. Resolves with the base URL. */
  listen(port?: number, host?: string): Promise<{ url: string; server: Server }>;
  close(): Promise<void>;
}

const originOf = (url: string | undefined): string | undefined => {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
};

/** The SPA may talk to itself and to the identity provider (MSAL's discovery, token and iframe calls). */
const contentSecurityPolicy = (config: BffConfig) => {
  const identity = new Set<string>([new URL(config.authority).origin]);
  if (config.authorityMetadata) {
    const meta = JSON.parse(config.authorityMetadata) as Record<string, string>;
    for (const key of ["token_endpoint", "authorization_endpoint", "end_session_endpoint", "jwks_uri", "issuer"]) {
      const o = originOf(meta[key]);
      if (o) identity.add(o);
    }
  }
  const idp = [...identity];
  // The headers depend only on configuration: computed once by helmet, replayed per response
  // (one loop instead of a dozen nested middleware calls).
  return fixedHeaders(helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Fluent UI (Griffel) inserts <style> elements at runtime; scripts stay strictly 'self'.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'", ...idp],
        frameSrc: ["'self'", ...idp],
        formAction: ["'self'", ...idp],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    // Popups opened by MSAL must be able to report back to the opener.
    crossOriginOpenerPolicy: { policy: "same-origin-allow-popups" },
  }));
};

const sendProblem = (res: Response, err: unknown, logger: Logger, audit: AuditTrail) => {
  const { problem: p, headers } = toProblem(err);
  if (p.status >= 500) logger.error({ err, requestId: res.locals.requestId }, "request failed");
  // A problem after a streamed answer began: the caller saw the status already sent.
  audit.end(res, { status: res.headersSent ? res.statusCode : p.status, ...(p.code !== undefined ? { problemCode: p.code } : {}) });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  p.requestId = res.locals.requestId as string | undefined;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.status(p.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(p));
};

/** Builds the BFF as an Express app without listening, so tests and e2e can run it in-process. */
export const createBffApp = (config: BffConfig, options: BffAppOptions = {}): BffApp => {
  const logger = options.logger ?? createLogger(config.logLevel, options.logDestination);
  const probe = new RegistryProbe(config);
  const tokens = new OnBehalfOfTokens(config, logger);
  const services: Services = {
    config,
    logger,
    tokens,
    accounts: new AccountDirectory(config),
    probe,
    validation: new LiveValidation(probe),
    storageKeys: new StorageKeyCache(),
    followIntervalMs: options.followIntervalMs ?? 500,
  };
  const verify = createTokenVerifier(config, createMetadataSource(config));
  const batchDispatcher = createBatchDispatcher();
  const gateways = new GatewayCache(tokens, new BatchHttpClient(batchDispatcher));
  const tickets = new DownloadTickets();
  const audit = new AuditTrail(logger);

  const app = express();
  app.disable("x-powered-by");
  // X-Forwarded-For is believed only from the configured proxies (none by default), so req.ip is
  // the real client for the failed-authentication budget.
  app.set("trust proxy", config.trustedProxies.length > 0 ? config.trustedProxies : false);
  // No ETag on res.send bodies: it cost a SHA-1 of every JSON answer, and a 304 would only let a
  // browser reuse stale Batch state. express.static/sendFile (the SPA) keep their own ETags.
  app.set("etag", false);
  app.use(requestLog(logger));
  app.use(contentSecurityPolicy(config));

  // Strict: "/pools/" is not "/pools" (a missing id must never read as the list).
  const api = express.Router({ strict: true });
  api.use(cors(config.allowedOrigins));
  // Parsed only on routes that take a body, after authentication: reads skip body-parser, and a
  // caller without a valid token never gets a body read at all.
  const jsonBody = express.json({ limit: config.jsonBodyLimit });

  const limiter = createRateLimiter(config.rateLimitPerMinute, new MemoryWindowCounter(60_000), (req) => (req.res?.locals.oid as string | undefined) ?? req.ip ?? "anonymous");
  const failedAuth = new FailedAuthBudget(config.failedAuthPerMinute, new MemoryWindowCounter(60_000));

  /** `authenticated` runs once the caller is known: an audited route opens its audit entry there. */
  const authenticate = (authenticated?: (req: Request, res: Response, operator: Operator) => void) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      const operator = await verify(req.headers.authorization);
      res.locals.operator = operator;
      res.locals.oid = operator.oid;
      authenticated?.(req, res, operator);
      next();
    } catch (err) {
      next(await failedAuth.failed(req, err));
    }
  };

  const mount = <N extends ApiRouteName>(name: N) => {
    const route = apiRoutes[name];
    const handler = handlers[name];
    const method = route.method.toLowerCase() as Lowercase<typeof route.method>;
    // Path parameters first: a malformed id is refused before a ticket is spent or a token checked.
    const checkParams = (req: Request, _res: Response, next: NextFunction) => {
      parseOr400(route.paramSchema, req.params, "path");
      next();
    };
    // A mutation is audited from the moment its caller is known (a refusal by the rate limit, the
    // body parser or the handler is still an attempt by that user); an unauthenticated one has no
    // user to name and is the request log's, as is a malformed path id (no id safe to write).
    const audited = route.auth && isAuditedRoute(name);
    const openAudit = (req: Request, res: Response, operator: Operator) => {
      // A malformed bulk id is refused by checkBulkOperationId next; the event then names no run.
      const bulk = readBulkOperationId(req.headers[BULK_OPERATION_HEADER]);
      const context = currentRequestContext();
      audit.begin(res, {
        route: name,
        method: route.method,
        user: { oid: operator.oid, ...(operator.tenantId ? { tid: operator.tenantId } : {}) },
        params: parseOr400(route.paramSchema, req.params, "path"),
        ...(bulk.kind === "valid" ? { bulkOperationId: bulk.id } : {}),
        ...(context !== undefined ? { context } : {}),
      });
    };
    const checkBulkOperationId = (req: Request, _res: Response, next: NextFunction) => {
      bulkOperationIdOr400(req.headers[BULK_OPERATION_HEADER]);
      next();
    };
    const chain = [
      checkParams,
      ...(audited ? [authenticate(openAudit), checkBulkOperationId, limiter] : route.auth ? [authenticate(), limiter] : "ticket" in route && route.ticket ? [ticketAuth(tickets, verify), limiter] : []),
    ];
    if ("body" in route) chain.push(jsonBody);
    api[method](route.path.replace(/^\/api/, ""), ...chain, async (req: Request, res: Response) => {
      const operator = res.locals.operator as Operator | undefined;
      const scope = new OperatorScope(services, operator ?? { oid: "", tenantId: "", scopes: [], assertion: "" }, gateways, logger);
      // The one place the route's types meet Express's untyped request: each part is parsed by
      // the route's own schema just above, which is what HandlerContext<RouteOf<N>> describes.
      const body = "body" in route ? parseOr400(route.body, req.body ?? {}, "body") : undefined;
      if (audited) audit.bodyAccepted(res, body);
      const ctx = {
        req,
        res,
        scope,
        tickets,
        params: parseOr400(route.paramSchema, req.params, "path"),
        query: "query" in route ? parseOr400(route.query, req.query, "query") : undefined,
        body,
      } as HandlerContext<RouteOf<N>>;
      const result = await handler(ctx);
      if (res.headersSent || res.writableEnded) {
        audit.end(res, { status: res.statusCode });
        return;
      }
      if (route.response === "empty" || result === undefined) {
        res.status(route.status).end();
        audit.end(res, { status: route.status });
        return;
      }
      if (config.checkResponses) {
        const broken = responseContractProblem(route, result);
        if (broken) throw problem(500, problemCodes.internal, "The BFF's answer breaks its own contract", { detail: `${name}: ${broken}` });
      }
      sendJson(res, route.status, result);
      audit.end(res, { status: route.status });
    });
  };
  for (const [name] of apiRouteEntries) mount(name);

  // A request shaped like a route but with an empty segment ("/pools//nodes", "/pools/") names
  // the parameter it lacks instead of a bare 404.
  const shapes = routeShapes(apiRouteEntries.map(([, r]) => r));
  api.use((req, _res, next) => {
    const match = shapes.match(req.method, `/api${req.path}`);
    if (match) parseOr400(match.route.paramSchema, match.params, "path");
    next();
  });
  api.use((req, _res, next) => next(problem(404, problemCodes.notFound, `No API route ${req.method} ${req.path}`)));
  api.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => sendProblem(res, err, logger, audit));
  app.use("/api", api);

  const spa = staticSpa(config.spaDir);
  if (spa) app.use(spa);
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => sendProblem(res, err, logger, audit));

  const servers: Server[] = [];
  return {
    app,
    services,
    listen: (port = config.port, host = config.host) =>
      new Promise((resolve, reject) => {
        const server = app.listen(port, host, (err?: Error) => {
          if (err) return reject(err);
          const address = server.address();
          const actualPort = typeof address === "object" && address ? address.port : port;
          resolve({ url: `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`, server });
        });
        servers.push(server);
      }),
    close: async () => {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      );
      await probe.close();
      // destroy, not close: a download cut off by the server close must not hold shutdown open.
      await batchDispatcher.destroy();
    },
  };
};
