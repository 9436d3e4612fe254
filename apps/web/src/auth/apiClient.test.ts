import { describe, expect, it, vi } from "vitest";
import { createApiClient } from "./apiClient";
import { ApiError } from "./apiError";

const problem = (status: number, body: object) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/problem+json" } });

describe("createApiClient", () => {
  it("sends a fresh bearer token and JSON body, and parses JSON", async () => {
    const getToken = vi.fn().mockResolvedValueOnce("t1").mockResolvedValueOnce("t2");
    const fetchImpl = vi.fn(async () => new Response('{"ok":true}', { headers: { "content-type": "application/json" } }));
    const api = createApiClient({ getToken, promptInteraction: vi.fn() }, fetchImpl as unknown as typeof fetch);
    expect(await api.json("/api/me")).toEqual({ ok: true });
    await api.json("/api/x", { method: "POST", body: { a: 1 } });
    const calls = fetchImpl.mock.calls as unknown as [string, RequestInit][];
    expect((calls[0]![1].headers as Record<string, string>).authorization).toBe("Bearer t1");
    expect((calls[1]![1].headers as Record<string, string>).authorization).toBe("Bearer t2");
    expect(calls[1]![1].body).toBe('{"a":1}');
  });

  it("turns problem+json into a typed ApiError with the issues", async () => {
    const body = { type: "x", title: "Validation failed", status: 400, code: "validation_failed", issues: [{ path: ["id"], level: "error", code: "c", message: "m" }] };
    const api = createApiClient({ getToken: async () => "t", promptInteraction: vi.fn() }, (async () => problem(400, body)) as unknown as typeof fetch);
    const error = await api.json("/api/p").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem.issues?.[0]?.path).toEqual(["id"]);
    expect((error as ApiError).status).toBe(400);
  });

  it("starts a new prompt with the claims on interaction_required", async () => {
    const promptInteraction = vi.fn(async () => {});
    const body = { type: "x", title: "Sign in again", status: 401, code: "interaction_required", claims: "{\"c\":1}" };
    const api = createApiClient({ getToken: async () => "t", promptInteraction }, (async () => problem(401, body)) as unknown as typeof fetch);
    await expect(api.json("/api/me")).rejects.toBeInstanceOf(ApiError);
    expect(promptInteraction).toHaveBeenCalledWith('{"c":1}');
  });

  it("drops a token the BFF refused, so the next call gets a fresh one", async () => {
    const forgetToken = vi.fn();
    const body = { type: "x", title: "Unauthorized", status: 401, code: "invalid_token" };
    const api = createApiClient({ getToken: async () => "t", forgetToken, promptInteraction: vi.fn() }, (async () => problem(401, body)) as unknown as typeof fetch);
    await expect(api.json("/api/me")).rejects.toBeInstanceOf(ApiError);
    expect(forgetToken).toHaveBeenCalledTimes(1);
  });

  it("makes a problem from a status when the body is not JSON, and returns undefined for 202", async () => {
    let status = 502;
    const api = createApiClient(
      { getToken: async () => "t", promptInteraction: vi.fn() },
      (async () => (status === 502 ? new Response("bad gateway", { status: 502, statusText: "Bad Gateway" }) : new Response(null, { status: 202 }))) as unknown as typeof fetch,
    );
    await expect(api.json("/api/x")).rejects.toThrow("Bad Gateway");
    status = 202;
    expect(await api.json("/api/x", { method: "POST" })).toBeUndefined();
  });

  it("marks the BFF unreachable on no answer or 502/503/504, reachable on any other answer, and ignores aborted requests", async () => {
    let next: () => Response = () => new Response("{}");
    const fetchImpl = async (_path: string, init: RequestInit) => {
      if (init.signal?.aborted) throw new DOMException("aborted", "AbortError");
      return next();
    };
    const api = createApiClient({ getToken: async () => "t", promptInteraction: vi.fn() }, fetchImpl as unknown as typeof fetch);
    const seen: boolean[] = [];
    api.connection!.subscribe(() => seen.push(api.connection!.reachable()));
    next = () => {
      throw new TypeError("Failed to fetch");
    };
    await expect(api.json("/api/pools")).rejects.toThrow("Failed to fetch");
    expect(api.connection!.reachable()).toBe(false);
    next = () => problem(404, { type: "x", title: "Not found", status: 404 });
    await expect(api.json("/api/pools")).rejects.toBeInstanceOf(ApiError);
    expect(api.connection!.reachable()).toBe(true);
    for (const status of [502, 503, 504]) {
      next = () => problem(status, { type: "x", title: "Away", status });
      await expect(api.json("/api/pools")).rejects.toBeInstanceOf(ApiError);
      expect(api.connection!.reachable()).toBe(false);
      next = () => new Response("{}");
      await api.json("/api/pools");
      expect(api.connection!.reachable()).toBe(true);
    }
    const aborted = new AbortController();
    aborted.abort();
    await expect(api.json("/api/pools", { signal: aborted.signal })).rejects.toThrow("aborted");
    expect(api.connection!.reachable()).toBe(true);
    expect(seen).toEqual([false, true, false, true, false, true, false, true]);
  });
});
