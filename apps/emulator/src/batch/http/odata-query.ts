/**
 * List and read options shared by every Batch resource: $filter, $select (nested with "/"),
 * $expand=stats, maxresults (1–1000, default 1000) and an absolute odata.nextLink with $skiptoken.
 */
import { invalidQuery } from "./batch-error";
import type { Reply, RequestContext } from "./context";
import { FilterError, parseFilter, type Predicate } from "./odata-filter";

export const API_VERSION = "2022-10-01.16.0";

export function metadataUrl(ctx: RequestContext, fragment: string): string {
  return `${ctx.baseUrl}/$metadata#${fragment}`;
}

export function filterOf(ctx: RequestContext): Predicate {
  const text = ctx.query.get("$filter");
  if (!text) return () => true;
  try {
    return parseFilter(text);
  } catch (e) {
    throw invalidQuery("$filter", text, e instanceof FilterError ? e.message : "not a valid filter");
  }
}

/** Which $expand values were asked for; only `stats` exists for the resources emulated. */
export function expandsStats(ctx: RequestContext): boolean {
  const text = ctx.query.get("$expand");
  if (!text) return false;
  const parts = text.split(",").map((s) => s.trim().toLowerCase());
  for (const p of parts)
    if (p !== "stats") throw invalidQuery("$expand", text, `'${p}' cannot be expanded; only 'stats' can`);
  return true;
}

/** Apply $select: keep only the named (possibly nested) properties. */
export function applySelect(ctx: RequestContext, wire: object): object {
  const text = ctx.query.get("$select");
  if (!text) return wire;
  const out: Record<string, unknown> = {};
  for (const path of text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const names = path.split("/");
    let src: unknown = wire;
    let dst = out;
    for (let i = 0; i < names.length; i++) {
      if (src === null || typeof src !== "object") break;
      const value = (src as Record<string, unknown>)[names[i]!];
      if (value === undefined) break;
      if (i === names.length - 1) dst[names[i]!] = value;
      else {
        dst = (dst[names[i]!] ??= {}) as Record<string, unknown>;
        src = value;
      }
    }
  }
  return out;
}

function maxResults(ctx: RequestContext): number {
  const text = ctx.query.get("maxresults");
  if (text === null) return 1000;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw invalidQuery("maxresults", text, "maxresults must be an integer from 1 to 1000");
  return n;
}

/**
 * The position a $skiptoken carries, `<kind>:<position>` in base64url: "seq" for the in-memory lists,
 * "after" for sources that resume after a name (files). undefined on a first page.
 */
function skipToken(ctx: RequestContext, kind: "seq" | "after"): string | undefined {
  const token = ctx.query.get("$skiptoken");
  if (token === null) return undefined;
  const text = Buffer.from(token, "base64url").toString("utf8");
  if (!text.startsWith(`${kind}:`))
    throw invalidQuery("$skiptoken", token, "The continuation token is not valid");
  return text.slice(kind.length + 1);
}

function afterSeq(ctx: RequestContext): number {
  const seq = skipToken(ctx, "seq");
  if (seq === undefined) return -1;
  if (!/^\d+$/.test(seq))
    throw invalidQuery(
      "$skiptoken",
      ctx.query.get("$skiptoken") ?? "",
      "The continuation token is not valid",
    );
  return Number(seq);
}

function nextLink(ctx: RequestContext, position: string): string {
  const parts: string[] = [];
  for (const [name, value] of ctx.query)
    if (name !== "$skiptoken") parts.push(`${name}=${encodeURIComponent(value)}`);
  parts.push(`$skiptoken=${Buffer.from(position).toString("base64url")}`);
  return `${ctx.baseUrl}${ctx.rawPath}?${parts.join("&")}`;
}

export interface PageSource<T> {
  page(afterSeq: number, limit: number, keep: (item: T) => boolean): { items: T[]; more: boolean };
}

/**
 * Serialized bodies of versioned entities, reused while their ETag is unchanged: a portal polling
 * a 100,000-task job re-sends the same 1,000 tasks, and JSON.stringify is most of a page's cost.
 * Only for entities whose every change goes through `touch` (tasks).
 */
const serialized = new WeakMap<object, { eTag: string; text: string }>();

function cachedJson(entity: object): string {
  const eTag = (entity as { eTag?: unknown }).eTag;
  if (typeof eTag !== "string") return JSON.stringify(entity);
  const hit = serialized.get(entity);
  if (hit?.eTag === eTag) return hit.text;
  const text = JSON.stringify(entity);
  serialized.set(entity, { eTag, text });
  return text;
}

/** A 200 list reply: filter on the full wire body, then $select, with a nextLink when more remain. */
export function listReply<T extends { seq: number }>(
  ctx: RequestContext,
  source: PageSource<T>,
  render: (item: T) => object,
  metadata: string,
  options: { cacheByETag?: boolean } = {},
): Reply {
  const keep = filterOf(ctx);
  const limit = maxResults(ctx);
  const { items, more } = source.page(afterSeq(ctx), limit, (item) => keep(render(item)));
  const head = { "odata.metadata": metadataUrl(ctx, metadata) };
  const link = more && items.length ? nextLink(ctx, `seq:${items[items.length - 1]!.seq}`) : undefined;
  if (options.cacheByETag && !ctx.query.get("$select")) {
    const values = items.map((item) => cachedJson(render(item))).join(",");
    const tail = link ? `,"odata.nextLink":${JSON.stringify(link)}` : "";
    return { status: 200, rawJson: `${JSON.stringify(head).slice(0, -1)},"value":[${values}]${tail}}` };
  }
  return pageReply(ctx, metadata, items.map(render), link);
}

function pageReply(ctx: RequestContext, metadata: string, values: object[], link: string | undefined): Reply {
  const json: Record<string, unknown> = {
    "odata.metadata": metadataUrl(ctx, metadata),
    value: values.map((v) => applySelect(ctx, v)),
  };
  if (link) json["odata.nextLink"] = link;
  return { status: 200, json };
}

/**
 * A source read asynchronously that resumes after a position of its own (a file path). A page may
 * stop early, even with no item (its work budget ran out on items `keep` refused); `next` is then
 * where the following request picks up.
 */
export interface CursorSource<T> {
  page(
    after: string | undefined,
    limit: number,
    keep: (item: T) => boolean,
  ): Promise<{ items: T[]; next: string | undefined }>;
}

/** listReply for a CursorSource: the nextLink carries the source's own position. */
export async function cursorListReply<T>(
  ctx: RequestContext,
  source: CursorSource<T>,
  render: (item: T) => object,
  metadata: string,
): Promise<Reply> {
  const keep = filterOf(ctx);
  const { items, next } = await source.page(skipToken(ctx, "after"), maxResults(ctx), (item) =>
    keep(render(item)),
  );
  return pageReply(
    ctx,
    metadata,
    items.map(render),
    next === undefined ? undefined : nextLink(ctx, `after:${next}`),
  );
}

/** A page source over a plain array (files, images, node counts): positions are the sequence. */
export function arraySource<T>(values: T[]): PageSource<{ seq: number; value: T }> {
  const items = values.map((value, seq) => ({ seq, value }));
  return {
    page(after, limit, keep) {
      const out: { seq: number; value: T }[] = [];
      for (const item of items.slice(after + 1)) {
        if (!keep(item)) continue;
        if (out.length === limit) return { items: out, more: true };
        out.push(item);
      }
      return { items: out, more: false };
    },
  };
}
