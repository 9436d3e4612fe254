import type { Request } from "express";
import { armErrors } from "./arm-errors";

export interface ArmPage<T> {
  value: T[];
  nextLink?: string;
}

/**
 * ARM list paging: a page of `pageSize` items and an absolute `nextLink` that repeats the
 * request with `$skiptoken` set (SDKs follow nextLink as given). `maxresults`, where an
 * operation has it, lowers the page size.
 */
export function pageOf<T>(req: Request, baseUrl: string, items: readonly T[], pageSize: number): ArmPage<T> {
  const url = new URL(req.originalUrl, baseUrl);
  const token = url.searchParams.get("$skiptoken");
  const start = token === null ? 0 : Number.parseInt(token, 10);
  if (!Number.isInteger(start) || start < 0 || String(start) !== (token ?? "0"))
    throw armErrors.invalidSkipToken();
  const max = Number.parseInt(url.searchParams.get("maxresults") ?? "", 10);
  const size = Number.isInteger(max) && max > 0 ? Math.min(max, pageSize) : pageSize;
  const value = items.slice(start, start + size);
  if (start + size >= items.length) return { value };
  url.searchParams.set("$skiptoken", String(start + size));
  return { value, nextLink: url.href };
}
