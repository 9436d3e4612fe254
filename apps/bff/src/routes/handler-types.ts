import type { Request, Response } from "express";
import type { z } from "zod";
import type { ApiRoute, ApiRouteName, apiRoutes } from "@batch-studio/shared";
import type { DownloadTickets } from "../files/download-tickets";
import type { OperatorScope } from "../services/operator-scope";

/*
 * Handlers are typed from their route in the shared table: `params` from the route's parameter
 * grammar, `query` and `body` as their schemas' output (already coerced and defaulted by zod), and
 * the result as the response schema's input. A handler that disagrees with its route does not
 * compile, so the table, the BFF and the SPA cannot drift apart.
 */

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

export type ParamsOf<R extends ApiRoute> = z.output<R["paramSchema"]>;
export type QueryOf<R extends ApiRoute> = R extends { query: infer Q } ? Output<Q> : undefined;
export type BodyOf<R extends ApiRoute> = R extends { body: infer B } ? Output<B> : undefined;

/**
 * What a handler resolves to: the JSON body for a JSON route, nothing for an "empty" one. Either may
 * also resolve to undefined after answering through `res` itself (streams, or a client that left).
 */
export type ResultOf<R extends ApiRoute> =
  (R["response"] extends z.ZodType ? z.input<R["response"]> : void) | undefined;

export interface HandlerContext<R extends ApiRoute = ApiRoute> {
  req: Request;
  res: Response;
  scope: OperatorScope;
  params: ParamsOf<R>;
  query: QueryOf<R>;
  body: BodyOf<R>;
  /** Single-use download tickets (minted by the *FileDownloadTicket routes, spent by *FileTicketDownload). */
  tickets: DownloadTickets;
}

export type Handler<R extends ApiRoute> = (ctx: HandlerContext<R>) => Promise<ResultOf<R>>;

export type RouteOf<N extends ApiRouteName> = (typeof apiRoutes)[N];

/** One handler per route name, each typed from its own route. */
export type Handlers = { [N in ApiRouteName]: Handler<RouteOf<N>> };
