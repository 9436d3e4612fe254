import { apiRoutePaths, type ApiRouteName } from "./route-paths";
import type { RouteParams, RouteQuery } from "./route-types";

/** Fills an Express-style pattern's `:name` segments, URL-encoding each value. */
export const fillPath = (pattern: string, params: Record<string, string>): string =>
  pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter "${name}" for ${pattern}`);
    return encodeURIComponent(value);
  });

const withQuery = (path: string, query?: unknown): string => {
  if (typeof query !== "object" || query === null) return path;
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) search.set(k, String(v));
  const s = search.toString();
  return s === "" ? path : `${path}?${s}`;
};

/**
 * The URL of a route by its name, typed from the route table: `apiUrl("pool", { account, pool })`.
 * One name per route, the same the BFF mounts and the OpenAPI document lists.
 */
export const apiUrl = <N extends ApiRouteName>(name: N, params: RouteParams<N>, query?: RouteQuery<N>): string =>
  withQuery(fillPath(apiRoutePaths[name].path, params), query);
