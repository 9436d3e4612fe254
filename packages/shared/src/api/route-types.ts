import type { z } from "zod";
import type { ApiRouteName } from "./route-paths";
import type { apiRoutes } from "./routes";

/*
 * What a caller of the portal API sends and gets, per route name, read off the route table's own
 * schemas. Type-only: the SPA imports these without pulling zod or the schemas into its bundle.
 * (The BFF's side of the same contract is apps/bff/src/routes/handler-types.ts: it sees query and
 * body after parsing, the caller before.)
 */
type Route<N extends ApiRouteName> = (typeof apiRoutes)[N];

/** The path parameters, e.g. { account, pool }. */
export type RouteParams<N extends ApiRouteName> = z.input<Route<N>["paramSchema"]>;
/** The query as the caller writes it (never, for a route without one). */
export type RouteQuery<N extends ApiRouteName> =
  Route<N> extends { query: infer Q extends z.ZodType } ? z.input<Q> : never;
/** The body as the caller writes it (never, for a route without one). */
export type RouteBody<N extends ApiRouteName> =
  Route<N> extends { body: infer B extends z.ZodType } ? z.input<B> : never;
/** The JSON answer (undefined for "empty" routes; streams are read through the raw response). */
export type RouteResult<N extends ApiRouteName> = Route<N>["response"] extends z.ZodType
  ? z.output<Route<N>["response"]>
  : undefined;
/** Routes that answer JSON (or nothing), callable with ApiClient.call. */
export type JsonRouteName = {
  [N in ApiRouteName]: Route<N>["response"] extends "bytes" | "event-stream" ? never : N;
}[ApiRouteName];
