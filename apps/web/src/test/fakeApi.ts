import type { ProblemDetails } from "@batch-studio/shared";
import type { ApiClient, ApiInit } from "../auth/apiClient";
import { ApiError } from "../auth/apiError";

/**
 * A fake BFF for component tests: "METHOD /path" (query ignored unless the key has one) → a
 * handler. Unknown requests fail loudly so a test never passes against a route it did not expect.
 */
export type Handler = (init: ApiInit & { url: URL }) => unknown | Promise<unknown>;

export const problem = (status: number, title: string, extra: Partial<ProblemDetails> = {}) =>
  new ApiError({ type: "about:blank", title, status, ...extra });

export function fakeApi(handlers: Record<string, Handler>): ApiClient & { calls: string[] } {
  const calls: string[] = [];
  const find = (method: string, path: string) => {
    const url = new URL(path, "http://localhost");
    const withQuery = `${method} ${url.pathname}${url.search}`;
    const handler = handlers[withQuery] ?? handlers[`${method} ${url.pathname}`];
    calls.push(withQuery);
    if (!handler) throw new Error(`fakeApi: unexpected ${withQuery}`);
    return { handler, url };
  };
  return {
    calls,
    async json<T>(path: string, init: ApiInit = {}) {
      const { handler, url } = find(init.method ?? "GET", path);
      return (await handler({ ...init, url })) as T;
    },
    async raw(path: string, init: ApiInit = {}) {
      const { handler, url } = find(init.method ?? "GET", path);
      const result = await handler({ ...init, url });
      return result instanceof Response ? result : new Response(JSON.stringify(result));
    },
  };
}
