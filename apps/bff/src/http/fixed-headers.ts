import type { OutgoingHttpHeader } from "node:http";
import type { RequestHandler } from "express";

const refuse = (what: string) =>
  new Proxy(
    {},
    {
      get: (_t, key) => {
        throw new Error(
          `fixedHeaders: the middleware read ${what}.${String(key)}, so its headers are not the same for every request`,
        );
      },
    },
  );

/**
 * Runs a header-only middleware (helmet) once at startup and replays the headers it set on every
 * response with one loop, instead of a dozen nested middleware calls per request. helmet stays
 * the source of the header values. Anything request-dependent (a CSP nonce function, a middleware
 * that reads the request or does anything but set/remove headers, or finishes asynchronously)
 * throws here at startup rather than being frozen into one value for all requests.
 */
export const fixedHeaders = (middleware: RequestHandler): RequestHandler => {
  const set: [string, OutgoingHttpHeader][] = [];
  const removed: string[] = [];
  const unexpected = refuse("res");
  const recorder = new Proxy(
    {},
    {
      get: (_t, key) => {
        if (key === "setHeader") return (name: string, value: OutgoingHttpHeader) => set.push([name, value]);
        if (key === "removeHeader") return (name: string) => removed.push(name);
        return Reflect.get(unexpected, key);
      },
    },
  );
  let finished = false;
  void middleware(refuse("req") as never, recorder as never, (err?: unknown) => {
    if (err !== undefined) throw err instanceof Error ? err : new Error(String(err));
    finished = true;
  });
  if (!finished) throw new Error("fixedHeaders: the middleware did not call next() synchronously");
  return (_req, res, next) => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    next();
  };
};
