import { describe, expect, it } from "vitest";
import { matchRoutes, rankRoutes, scorePattern, type RouteObject } from "./matchRoutes";

const shell: RouteObject = { element: "shell" };
const routes: RouteObject[] = [
  {
    ...shell,
    children: [
      { path: "/", element: "home" },
      { path: "/a/:account/pools", element: "pools" },
      { path: "/a/:account/pools/:pool", element: "pool" },
      { path: "/a/:account/pools/new", element: "wizard" },
      { path: "/a/:account/pools/:pool/nodes/:node/files/:file", element: "file" },
      { path: "*", element: "not found" },
    ],
  },
];
const ranked = rankRoutes(routes);
const match = (pathname: string) => {
  const m = matchRoutes(ranked, pathname);
  return m && { page: m.routes[m.routes.length - 1]!.element, params: m.params, depth: m.routes.length };
};

describe("matchRoutes", () => {
  it("takes the most specific pattern whatever the declaration order", () => {
    expect(match("/a/acct/pools/new")).toEqual({ page: "wizard", params: { account: "acct" }, depth: 2 });
    expect(match("/a/acct/pools/render")).toEqual({ page: "pool", params: { account: "acct", pool: "render" }, depth: 2 });
    expect(scorePattern(["a", ":account", "pools", "new"])).toBeGreaterThan(scorePattern(["a", ":account", "pools", ":pool"]));
  });

  it("decodes parameters, so an encoded slash stays inside its value", () => {
    expect(match("/a/sub%7Erg/pools/p1/nodes/tvm-1/files/startup%2Fstdout.txt")?.params).toEqual({
      account: "sub~rg",
      pool: "p1",
      node: "tvm-1",
      file: "startup/stdout.txt",
    });
    expect(match("/a/acct/pools/bad%E0%A4%A")?.params.pool).toBe("bad%E0%A4%A");
  });

  it("ignores a trailing slash and the case of static segments", () => {
    expect(match("/a/acct/pools/")?.page).toBe("pools");
    expect(match("/A/acct/Pools")?.page).toBe("pools");
  });

  it("falls back to the catch-all with the rest of the path, and matches the root", () => {
    expect(match("/")?.page).toBe("home");
    expect(match("/a/acct/nope/deeper")).toEqual({ page: "not found", params: { "*": "a/acct/nope/deeper" }, depth: 2 });
    expect(matchRoutes(rankRoutes([{ path: "/only" }]), "/other")).toBeUndefined();
  });

  it("joins relative child paths to their parent's, and a pathless parent only lays out", () => {
    const nested = rankRoutes([{ path: "/jobs", element: "jobs", children: [{ path: ":job", element: "job" }] }, { element: "layout" }]);
    expect(matchRoutes(nested, "/jobs/j1")).toMatchObject({ params: { job: "j1" }, routes: [{ element: "jobs" }, { element: "job" }] });
    expect(matchRoutes(nested, "/jobs")?.routes.map((r) => r.element)).toEqual(["jobs"]);
    expect(matchRoutes(rankRoutes([{ element: "layout" }]), "/")).toBeUndefined();
  });
});
