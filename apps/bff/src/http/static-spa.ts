import { existsSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import express, { type Request, type Response, type Router } from "express";

/** Precompressed siblings the web build writes (apps/web/build/precompress.ts), best first. */
const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

/** Hashed assets can be cached forever; the HTML must always be fresh. */
const cacheControlFor = (path: string) => (/[/\\]assets[/\\]/.test(path) ? "public, max-age=31536000, immutable" : "no-cache");

/**
 * Sends `file` as the best precompressed sibling the browser accepts, with the original's type;
 * false when there is none (then the file goes out as it is).
 */
const sendPrecompressed = (req: Request, res: Response, file: string): boolean => {
  const encoding = ENCODINGS.find((e) => req.acceptsEncodings(e.name) === e.name && existsSync(file + e.suffix));
  res.vary("accept-encoding");
  if (!encoding) return false;
  res.type(extname(file));
  res.setHeader("content-encoding", encoding.name);
  res.setHeader("cache-control", cacheControlFor(file));
  res.sendFile(file + encoding.suffix);
  return true;
};

/**
 * Serves the built SPA (apps/web/dist) when it exists: its files (including the MSAL
 * /redirect.html bridge page), brotli or gzip from the build's precompressed copies when the
 * browser accepts them, and index.html for client-side routes such as /pools/p1.
 */
export const staticSpa = (spaDir: string): Router | undefined => {
  const root = normalize(spaDir + sep);
  const index = join(spaDir, "index.html");
  if (!existsSync(index)) return undefined;
  const router = express.Router();
  router.get(/\.(js|css|html|svg|json|map)$/, (req, res, next) => {
    // decodeURIComponent may meet a bad escape; express.static answers those itself.
    let file: string;
    try {
      file = normalize(join(spaDir, decodeURIComponent(req.path)));
    } catch {
      return next();
    }
    if (!file.startsWith(root) || !existsSync(file) || !sendPrecompressed(req, res, file)) next();
  });
  router.use(express.static(spaDir, { index: false, setHeaders: (res, path) => res.setHeader("cache-control", cacheControlFor(path)) }));
  router.get(/^(?!\/api(?:\/|$)).*/, (req, res, next) => {
    if (!req.accepts("html")) return next();
    if (sendPrecompressed(req, res, index)) return;
    res.setHeader("cache-control", "no-cache");
    res.sendFile(index);
  });
  return router;
};
