import {
  apiRoutePaths,
  apiUrl,
  type JsonRouteName,
  type RouteBody,
  type RouteParams,
  type RouteQuery,
  type RouteResult,
} from "@batch-studio/shared";
import type { ApiClient } from "../auth/apiClient";

/** A route's query and body options, present exactly when the route has them. */
export type CallOptions<N extends JsonRouteName> = { signal?: AbortSignal } & ([RouteQuery<N>] extends [never]
  ? { query?: never }
  : { query?: RouteQuery<N> }) &
  ([RouteBody<N>] extends [never] ? { body?: never } : { body: RouteBody<N> });

/**
 * Calls a portal API route by its name: the URL, method, parameters, query, body and answer are
 * all the route table's (types only: no schema reaches the bundle), so a call site never picks
 * its own response type and cannot drift from what the BFF mounts.
 */
export const callRoute = <N extends JsonRouteName>(
  api: ApiClient,
  name: N,
  params: RouteParams<N>,
  ...[options]: [RouteBody<N>] extends [never] ? [options?: CallOptions<N>] : [options: CallOptions<N>]
): Promise<RouteResult<N>> =>
  api.json<RouteResult<N>>(apiUrl(name, params, options?.query), {
    method: apiRoutePaths[name].method,
    body: options?.body,
    signal: options?.signal,
  });
