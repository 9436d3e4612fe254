import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { type Router } from "express";

/**
 * Serves the built SPA (apps/web/dist) when it exists: its files as-is (including the MSAL
 * /redirect.html bridge page), and index.html for client-side routes such as /pools/p1.
 */
export const staticSpa = (spaDir: string): Router | undefined => {
  const index = join(spaDir, "index.html");
  if (!existsSync(index)) return undefined;
  const router = express.Router();
  router.use(
    express.static(spaDir, {
      index: false,
      setHeaders: (res, path) => {
        // Hashed assets can be cached forever; the HTML must always be fresh.
        res.setHeader("cache-control", /[/\\]assets[/\\]/.test(path) ? "public, max-age=31536000, immutable" : "no-cache");
      },
    }),
  );
  router.get(/^(?!\/api(?:\/|$)).*/, (req, res, next) => {
    if (!req.accepts("html")) return next();
    res.setHeader("cache-control", "no-cache");
    res.sendFile(index);
  });
  return router;
};
