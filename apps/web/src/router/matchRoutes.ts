import type { ReactNode } from "react";

/**
 * Route patterns: "/a/:account/pools/:pool" (":name" takes one segment), "*" at the end takes the
 * rest. Static segments match case-insensitively and a trailing slash is ignored. Routes nest:
 * a parent's element renders its matched child through <Outlet />; a parent without a path is a
 * pure layout.
 */
export interface RouteObject {
  path?: string;
  element?: ReactNode;
  children?: RouteObject[];
}

export type Params = Record<string, string>;

/** The chain of routes (outermost first) that renders a URL, with the parameters it captured. */
export interface RouteMatch {
  params: Params;
  routes: RouteObject[];
}

export interface Branch {
  segments: string[];
  routes: RouteObject[];
  score: number;
  order: number;
}

const isParam = (segment: string) => segment.startsWith(":");

const splitPath = (path: string) => path.split("/").filter((s) => s !== "");

/**
 * How specific a pattern is, so "/pools/new" wins over "/pools/:pool" whatever the order:
 * a static segment counts 10, a parameter 3, and a catch-all takes 2 off.
 */
export function scorePattern(segments: readonly string[]): number {
  return segments.reduce((score, segment) => score + (segment === "*" ? -2 : isParam(segment) ? 3 : 10), 0);
}

function flatten(routes: readonly RouteObject[], parentSegments: string[] = [], parents: RouteObject[] = [], out: Branch[] = []): Branch[] {
  for (const route of routes) {
    const segments = route.path === undefined ? parentSegments : route.path.startsWith("/") ? splitPath(route.path) : [...parentSegments, ...splitPath(route.path)];
    const chain = [...parents, route];
    if (route.children?.length) flatten(route.children, segments, chain, out);
    // A pathless route only lays out its children; it is not a page of its own.
    if (route.path !== undefined) out.push({ segments, routes: chain, score: scorePattern(segments), order: out.length });
  }
  return out;
}

/** A segment as the user meant it ("%2F" in a file name is a slash in the value, not a separator). */
const decodeSegment = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

function matchBranch(branch: Branch, path: readonly string[]): Params | undefined {
  const params: Params = {};
  for (let i = 0; i < branch.segments.length; i++) {
    const pattern = branch.segments[i]!;
    if (pattern === "*") {
      params["*"] = path.slice(i).map(decodeSegment).join("/");
      return params;
    }
    const actual = path[i];
    if (actual === undefined) return undefined;
    if (isParam(pattern)) params[pattern.slice(1)] = decodeSegment(actual);
    else if (pattern.toLowerCase() !== decodeSegment(actual).toLowerCase()) return undefined;
  }
  return path.length === branch.segments.length ? params : undefined;
}

/** Every page route with its chain of parents, most specific first (the first declared among equals). */
export const rankRoutes = (routes: readonly RouteObject[]): Branch[] => flatten(routes).sort((a, b) => b.score - a.score || a.order - b.order);

/** The most specific route that matches `pathname`, or undefined. */
export function matchRoutes(ranked: readonly Branch[], pathname: string): RouteMatch | undefined {
  const path = splitPath(pathname);
  for (const branch of ranked) {
    const params = matchBranch(branch, path);
    if (params) return { params, routes: branch.routes };
  }
  return undefined;
}
