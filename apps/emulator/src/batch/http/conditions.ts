/**
 * HTTP conditional requests on entities: If-Match / If-None-Match on the ETag, If-(Un)Modified-Since
 * on lastModified (to the second, as HTTP dates carry). A failed condition is 304 on reads and
 * 412 ConditionNotMet on writes.
 */
import { batchError } from "./batch-error";
import type { RequestContext } from "./context";

export interface Versioned {
  eTag: string;
  lastModified: string;
}

const header = (ctx: RequestContext, name: string) => {
  const v = ctx.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

const etagList = (v: string) => v.split(",").map((s) => s.trim().replace(/^W\//, "").replace(/^"|"$/g, ""));

/** Returns "not-modified" when a read should answer 304; throws 412 when a condition fails. */
export function checkConditions(
  ctx: RequestContext,
  entity: Versioned,
  isRead: boolean,
): "ok" | "not-modified" {
  const fail = (name: string) => {
    if (isRead && (name === "If-None-Match" || name === "If-Modified-Since")) return "not-modified" as const;
    throw batchError(412, "ConditionNotMet", [{ key: "HeaderName", value: name }]);
  };
  const modifiedSec = Math.floor(Date.parse(entity.lastModified) / 1000);
  const ifMatch = header(ctx, "if-match");
  if (ifMatch && ifMatch !== "*" && !etagList(ifMatch).includes(entity.eTag)) return fail("If-Match");
  const ifNone = header(ctx, "if-none-match");
  if (ifNone && (ifNone === "*" || etagList(ifNone).includes(entity.eTag))) return fail("If-None-Match");
  const since = header(ctx, "if-modified-since");
  if (since && !Number.isNaN(Date.parse(since)) && modifiedSec <= Math.floor(Date.parse(since) / 1000))
    return fail("If-Modified-Since");
  const unmod = header(ctx, "if-unmodified-since");
  if (unmod && !Number.isNaN(Date.parse(unmod)) && modifiedSec > Math.floor(Date.parse(unmod) / 1000))
    return fail("If-Unmodified-Since");
  return "ok";
}
