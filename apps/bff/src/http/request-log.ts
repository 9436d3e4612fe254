import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import type { Logger } from "pino";
import { newRequestContext, runWithRequestContext } from "./request-context";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Gives every request an id (the caller's x-request-id when it is a GUID, as Batch requires for
 * client-request-id, else a new one), echoes it, and logs one line per request: method, path,
 * status, duration. Headers, bodies and query strings are never logged.
 */
export const requestLog = (logger: Logger): RequestHandler => (req, res, next) => {
  const incoming = req.headers["x-request-id"];
  const requestId = typeof incoming === "string" && GUID.test(incoming) ? incoming : randomUUID();
  res.setHeader("x-request-id", requestId);
  res.locals.requestId = requestId;
  // At "warn" and above there is no request line to write, so no timer or listener either.
  if (!logger.isLevelEnabled("info")) {
    runWithRequestContext(newRequestContext(requestId), next);
    return;
  }
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    logger.info(
      { requestId, method: req.method, path: req.originalUrl.split("?")[0], status: res.statusCode, ms: Math.round(ms * 10) / 10, oid: res.locals.oid as string | undefined },
      "request",
    );
  });
  runWithRequestContext(newRequestContext(requestId), next);
};
