import { apiRoutes, ProblemDetails, type ApiRoute } from "@batch-studio/shared";
import { z } from "zod";

type JsonSchema = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  return rest;
};

/** "/api/accounts/:account/pools" → "/api/accounts/{account}/pools". */
export const toOpenApiPath = (path: string): string => path.replace(/:([A-Za-z]+)/g, "{$1}");

const pathParameters = (path: string) =>
  [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));

const queryParameters = (schema: z.ZodType | undefined) => {
  if (!schema) return [];
  const s = jsonSchema(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, prop]) => ({
    name,
    in: "query",
    required: (s.required ?? []).includes(name),
    schema: prop,
  }));
};

const problemResponse = { description: "Problem (RFC 9457)", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/ProblemDetails" } } } };

const successResponse = (route: ApiRoute) => {
  if (route.response === "empty") return { description: "Done" };
  if (route.response === "bytes") return { description: "File bytes", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } };
  if (route.response === "event-stream") {
    return { description: "Server-Sent Events: data (FollowChunk), status (FollowStatus), end (FollowEnd)", content: { "text/event-stream": { schema: { type: "string" } } } };
  }
  return { description: "OK", content: { "application/json": { schema: jsonSchema(route.response, "output") } } };
};

/** The OpenAPI 3.1 document of every route in the shared catalog, from the same zod schemas the BFF validates with. */
export const buildOpenApiDocument = (serverUrl?: string) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, route] of Object.entries(apiRoutes) as [string, ApiRoute][]) {
    const operation: Record<string, unknown> = {
      operationId: name,
      summary: route.summary,
      tags: [route.tag],
      parameters: [...pathParameters(route.path), ...queryParameters(route.query)],
      responses: {
        [String(route.status)]: successResponse(route),
        ...(route.auth ? { "401": problemResponse } : {}),
        default: problemResponse,
      },
    };
    // A ticket route is authorised by the single-use ticket in its query, which the ticket scheme names.
    operation.security = route.auth ? [{ bearer: [] }] : route.ticket ? [{ downloadTicket: [] }] : [];
    if (route.body) {
      operation.requestBody = { required: true, content: { "application/json": { schema: jsonSchema(route.body, "input") } } };
    }
    const key = toOpenApiPath(route.path);
    paths[key] = { ...(paths[key] ?? {}), [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Batch Studio portal API",
      version: "0.1.0",
      description: "The BFF's HTTP API for the Batch Studio SPA. Every route except health, the SPA's sign-in settings and this document needs an Entra access token for the API scope access_as_user; file downloads through a link use a single-use ticket minted with that token instead.",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      schemas: { ProblemDetails: jsonSchema(ProblemDetails, "output") },
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
        downloadTicket: { type: "apiKey", in: "query", name: "ticket", description: "Single-use, 60-second ticket from a download-ticket route" },
      },
    },
  };
};
