/**
 * A tiny method + path matcher. Literal segments compare case-insensitively (Batch paths do);
 * `:name` captures one decoded segment; a trailing `*name` captures the rest, joined with "/"
 * (file paths arrive as one %2F-encoded segment from the SDK, but raw slashes work too).
 */
import { batchError, BatchError } from "./batch-error";
import { batchOperationOf } from "./batch-operations";
import type { Handler } from "./context";

interface Route {
  method: string;
  parts: string[];
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  on(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, parts: pattern.split("/").filter(Boolean), handler });
    return this;
  }

  /** The handler and params, or a Batch error: 404 for an unknown path, 405 for a wrong verb. */
  match(method: string, segments: string[]): { handler: Handler; params: Record<string, string> } {
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchParts(route.parts, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method) return { handler: route.handler, params };
    }
    if (pathMatched) throw batchError(405, "UnsupportedHttpVerb", [{ key: "HttpVerb", value: method }]);
    const operation = batchOperationOf(method, `/${segments.join("/")}`);
    if (operation) throw notEmulated(operation);
    throw batchError(404, "ResourceNotFound", [
      { key: "Reason", value: "No Batch operation has this path." },
    ]);
  }
}

/**
 * A real Batch operation the emulator does not implement. 501 because the service would answer it
 * and we do not; the SDK retries 5xx but never 501, so a client fails at once with this message.
 */
export const notEmulated = (operation: string) =>
  new BatchError(
    501,
    "NotEmulated",
    `The local Batch emulator does not emulate ${operation}. See apps/emulator/src/batch/README.md, "Not emulated", for what it does and does not do.`,
    [{ key: "Operation", value: operation }],
  );

function matchParts(parts: string[], segments: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.startsWith("*")) {
      if (i >= segments.length) return undefined;
      params[p.slice(1)] = segments.slice(i).join("/");
      return params;
    }
    const s = segments[i];
    if (s === undefined) return undefined;
    if (p.startsWith(":")) params[p.slice(1)] = s;
    else if (p.toLowerCase() !== s.toLowerCase()) return undefined;
  }
  return parts.length === segments.length ? params : undefined;
}
