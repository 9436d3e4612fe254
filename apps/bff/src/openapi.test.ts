import { apiRoutes, type ApiRoute } from "@batch-studio/shared";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./openapi";

type Operation = { security: Record<string, unknown>[] };

describe("the OpenAPI document", () => {
  const doc = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, Operation>> };
  const operationOf = (route: ApiRoute) => doc.paths[route.path.replace(/:([A-Za-z]+)/g, "{$1}")]![route.method.toLowerCase()]!;

  it("states how each route is authorised: bearer, a download ticket, or public", () => {
    for (const route of Object.values(apiRoutes) as ApiRoute[]) {
      const expected = route.auth ? [{ bearer: [] }] : route.ticket ? [{ downloadTicket: [] }] : [];
      expect(operationOf(route).security, `${route.method} ${route.path}`).toEqual(expected);
    }
  });

  it("keeps the public routes to health, the SPA's sign-in settings and the document itself", () => {
    const open = (Object.values(apiRoutes) as ApiRoute[]).filter((r) => !r.auth && !r.ticket).map((r) => r.path);
    expect(open.sort()).toEqual(["/api/config", "/api/health", "/api/openapi.json"]);
  });
});
