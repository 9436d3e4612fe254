import type { RequestHandler } from "express";

/** CORS for /api: only the configured origins; bearer tokens, so no cookies/credentials mode. */
export const cors = (allowedOrigins: string[]): RequestHandler => {
  const allowed = new Set(allowedOrigins.map((o) => o.toLowerCase()));
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin !== undefined && allowed.has(origin.toLowerCase())) {
      res.setHeader("access-control-allow-origin", origin);
      res.setHeader("access-control-expose-headers", "x-request-id, x-file-size, content-range, content-disposition, retry-after, www-authenticate");
      res.append("vary", "Origin");
      if (req.method === "OPTIONS") {
        res.setHeader("access-control-allow-methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
        res.setHeader("access-control-allow-headers", "authorization, content-type, x-request-id, last-event-id, x-bulk-operation-id");
        res.setHeader("access-control-max-age", "600");
        res.status(204).end();
        return;
      }
    } else if (req.method === "OPTIONS" && origin !== undefined) {
      res.status(403).end();
      return;
    }
    next();
  };
};
