import { ApiError, problemFrom } from "./apiError";
import { createConnection, type Connection } from "./connection";

/**
 * The one way the SPA talks to the BFF. It asks for a token before every call (kept in memory
 * until it nears expiry, see tokenMemo.ts) and turns problem+json answers into ApiError. When the
 * BFF says interaction is required (e.g. a Conditional Access claims challenge), it starts a new
 * sign-in prompt with the claims instead of failing forever.
 */
export interface TokenSource {
  /** A bearer token for the BFF API scope. */
  getToken(): Promise<string>;
  /** Drops a token the BFF refused, so the next call acquires a fresh one. */
  forgetToken?(): void;
  /** Starts an interactive prompt (a redirect: the page unloads). */
  promptInteraction(claims?: string): Promise<void>;
}

export interface ApiClient {
  /** JSON in, JSON out; 204/202 resolve to undefined. */
  json<T>(path: string, init?: ApiInit): Promise<T>;
  /** The raw response (byte ranges, downloads, event streams); throws ApiError when not ok. */
  raw(path: string, init?: ApiInit): Promise<Response>;
  /** Whether the BFF answers (see connection.ts); fakes in component tests may leave it out. */
  connection?: Connection;
}

export interface ApiInit {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export function createApiClient(
  tokens: TokenSource,
  fetchImpl: typeof fetch = (...a) => fetch(...a),
  connection: Connection = createConnection(),
): ApiClient {
  async function send(path: string, init: RequestInit): Promise<Response> {
    let res: Response;
    try {
      res = await fetchImpl(path, init);
    } catch (e) {
      // A request the page aborted (navigation, unmount) says nothing about the BFF.
      if (!init.signal?.aborted) connection.report("no-answer");
      throw e;
    }
    connection.report(res.status);
    return res;
  }

  async function raw(path: string, init: ApiInit = {}): Promise<Response> {
    const token = await tokens.getToken();
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...init.headers };
    let body: string | undefined;
    if (init.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(init.body);
    }
    const res = await send(path, { method: init.method ?? "GET", headers, body, signal: init.signal });
    if (res.ok) return res;
    const error = new ApiError(await problemFrom(res));
    if (error.status === 401) tokens.forgetToken?.();
    if (error.status === 401 && error.interactionRequired) await tokens.promptInteraction(error.problem.claims);
    throw error;
  }

  async function json<T>(path: string, init: ApiInit = {}): Promise<T> {
    const res = await raw(path, { ...init, headers: { accept: "application/json", ...init.headers } });
    if (res.status === 204 || res.status === 202 || res.headers.get("content-length") === "0") return undefined as T;
    const text = await res.text();
    return (text === "" ? undefined : JSON.parse(text)) as T;
  }

  return { json, raw, connection };
}
