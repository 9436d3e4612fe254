import { describe, expect, it } from "vitest";
import { z } from "zod";
import { accountIdOf, parseAccountId } from "./account-id";
import { apiUrl, fillPath } from "./paths";
import { readFileSync } from "node:fs";
import { apiRouteEntries, apiRoutes } from "./routes";
import { apiRoutePaths } from "./route-paths";
import { TaskListQuery } from "./jobs";
import { FileContentQuery } from "./files";

describe("apiRoutes", () => {
  it("has one handler slot per method + path", () => {
    const keys = apiRouteEntries.map(([, r]) => r).map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("keeps every route under /api and describes every schema as JSON Schema", () => {
    for (const r of apiRouteEntries.map(([, r]) => r)) {
      expect(r.path.startsWith("/api/")).toBe(true);
      for (const s of [r.body, r.query, typeof r.response === "string" ? undefined : r.response]) {
        if (s) expect(() => z.toJSONSchema(s, { io: "input", unrepresentable: "any" })).not.toThrow();
      }
    }
  });
});

describe("path parameters", () => {
  it("gives every route exactly the parameters its path names, each with a grammar", () => {
    for (const [name, r] of apiRouteEntries) {
      const names = [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]).sort();
      const schema = r.paramSchema;
      expect(schema, name).toBeInstanceOf(z.ZodObject);
      if (schema instanceof z.ZodObject) expect(Object.keys(schema.shape).sort(), name).toEqual(names);
    }
  });
});

describe("apiRoutePaths", () => {
  it("is the method and path of every route, and nothing else", () => {
    expect(Object.keys(apiRoutes).sort()).toEqual(Object.keys(apiRoutePaths).sort());
    for (const [name, r] of apiRouteEntries) expect({ method: r.method, path: r.path, params: r.params }).toEqual(apiRoutePaths[name]);
  });

  it("keeps the SPA's URL builders and problem codes free of zod and schemas", () => {
    for (const file of ["route-paths.ts", "paths.ts", "problem-codes.ts"]) {
      // Type-only imports are erased from the bundle, so only value imports count.
      const imports = [...readFileSync(new URL(`./${file}`, import.meta.url), "utf8").matchAll(/^import (?!type )[^;]*from "([^"]+)"/gm)].map((m) => m[1]);
      expect(imports.filter((i) => i !== "./route-paths"), file).toEqual([]);
    }
  });

  it("has exactly the ticket downloads as non-bearer routes besides the public ones", () => {
    const ticketRoutes = apiRouteEntries.filter(([, r]) => "ticket" in r && r.ticket).map(([n]) => n);
    expect(ticketRoutes.sort()).toEqual(["nodeFileTicketDownload", "taskFileTicketDownload", "taskSavedOutputFileTicketDownload"]);
    for (const name of ticketRoutes) expect(apiRoutes[name as keyof typeof apiRoutes].auth).toBe(false);
    const publicRoutes = apiRouteEntries.filter(([, r]) => !r.auth && !("ticket" in r && r.ticket)).map(([n]) => n);
    expect(publicRoutes.sort()).toEqual(["config", "health", "openapi"]);
  });
});

describe("apiUrl", () => {
  it("encodes each segment and fills the pattern", () => {
    const acct = accountIdOf({ subscriptionId: "s1", resourceGroup: "rg.(a)", accountName: "acct" });
    expect(apiUrl("pool", { account: acct, pool: "p 1" })).toBe("/api/accounts/s1~rg.(a)~acct/pools/p%201");
    expect(apiUrl("taskFileContent", { account: acct, job: "j", task: "t" }, { path: "wd/a b.txt", start: 0, end: 9 })).toBe(
      "/api/accounts/s1~rg.(a)~acct/jobs/j/tasks/t/files/content?path=wd%2Fa+b.txt&start=0&end=9",
    );
    expect(() => fillPath("/api/x/:missing", {})).toThrow(/missing/);
    expect(apiUrl("nodeFileTicketDownload", { account: acct, pool: "p", node: "n" }, { path: "a b", ticket: "T" })).toBe(
      "/api/accounts/s1~rg.(a)~acct/pools/p/nodes/n/files/ticket-download?path=a+b&ticket=T",
    );
  });

  it("round-trips account ids and rejects malformed ones", () => {
    const c = { subscriptionId: "7c2d", resourceGroup: "rg-1", accountName: "batch1" };
    expect(parseAccountId(accountIdOf(c))).toEqual(c);
    expect(parseAccountId("a~b")).toBeUndefined();
    expect(parseAccountId("a~~c")).toBeUndefined();
  });
});

describe("query schemas", () => {
  it("coerces numbers and reports every bad field", () => {
    expect(TaskListQuery.parse({ exitCodeMin: "1", exitCodeMax: "3" })).toMatchObject({ exitCodeMin: 1, exitCodeMax: 3, pageSize: 100 });
    const bad = TaskListQuery.safeParse({ exitCode: "x", pageSize: "5000", state: "sleeping" });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["exitCode", "pageSize", "state"]));
    expect(FileContentQuery.safeParse({ path: "stdout.txt", start: "9", end: "3" }).success).toBe(false);
  });
});

describe("file path parameters", () => {
  it("refuse '..' segments", () => {
    expect(FileContentQuery.safeParse({ path: "../../etc/passwd" }).success).toBe(false);
    expect(FileContentQuery.safeParse({ path: "wd\\..\\x" }).success).toBe(false);
    expect(FileContentQuery.safeParse({ path: "wd/a..b.txt" }).success).toBe(true);
  });
});
