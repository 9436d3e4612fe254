import { apiRouteEntries, responseContractProblem, type ProblemDetails } from "@batch-studio/shared";
import type { ApiClient, ApiInit } from "../auth/apiClient";
import { ApiError } from "../auth/apiError";

/**
 * A fake BFF for component tests: "METHOD /path" (query ignored unless the key has one) → a
 * handler. Unknown requests fail loudly so a test never passes against a route it did not expect,
 * and every JSON answer must satisfy the route's response schema from the shared route table, so
 * a fake cannot drift from the real contract (a clone test once passed against a bare PoolSpec
 * while the BFF answers { spec, reentry, ignored }).
 */
export type Handler = (init: ApiInit & { url: URL }) => unknown | Promise<unknown>;

export const problem = (status: number, title: string, extra: Partial<ProblemDetails> = {}) =>
  new ApiError({ type: "about:blank", title, status, ...extra });

const routePatterns = apiRouteEntries.map(([, route]) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/:[A-Za-z]+/g, "[^/]+")}$`),
}));

/** The answer as the real route would send it, or an error naming the route and the schema's complaint. */
export function checkAgainstContract(method: string, pathname: string, answer: unknown): void {
  const match = routePatterns.find((r) => r.route.method === method && r.pattern.test(pathname));
  if (!match) throw new Error(`fakeApi: ${method} ${pathname} is not a route of the portal API`);
  if (answer instanceof Response) return;
  const broken = responseContractProblem(match.route, answer);
  if (broken) throw new Error(`fakeApi: the fake answer to ${method} ${match.route.path} breaks its response schema — ${broken}`);
}

/** What the user may do on the account: everything, unless a test answers the permissions route itself. */
const EVERYTHING_ALLOWED: Handler = () => ({ blocks: [{ actions: ["*"], notActions: [], dataActions: ["*"], notDataActions: [] }], refused: {} });
const PERMISSIONS = /^\/api\/accounts\/[^/]+\/permissions$/;

export function fakeApi(handlers: Record<string, Handler>): ApiClient & { calls: string[] } {
  const calls: string[] = [];
  const find = (method: string, path: string) => {
    const url = new URL(path, "http://localhost");
    const withQuery = `${method} ${url.pathname}${url.search}`;
    const handler =
      handlers[withQuery] ?? handlers[`${method} ${url.pathname}`] ?? (method === "GET" && PERMISSIONS.test(url.pathname) ? EVERYTHING_ALLOWED : undefined);
    calls.push(withQuery);
    if (!handler) throw new Error(`fakeApi: unexpected ${withQuery}`);
    return { handler, url };
  };
  return {
    calls,
    async json<T>(path: string, init: ApiInit = {}) {
      const method = init.method ?? "GET";
      const { handler, url } = find(method, path);
      const answer = await handler({ ...init, url });
      checkAgainstContract(method, url.pathname, answer);
      return answer as T;
    },
    async raw(path: string, init: ApiInit = {}) {
      const { handler, url } = find(init.method ?? "GET", path);
      const result = await handler({ ...init, url });
      return result instanceof Response ? result : new Response(JSON.stringify(result));
    },
  };
}
