import type { ApiRoute } from "@batch-studio/shared";

/**
 * The route table's paths as loose patterns, where a parameter may also be empty. Express never
 * matches an empty segment to a `:param`, so without this "/pools//nodes" or "/pools/" would fall
 * through to a 404 that says nothing about the missing id.
 */
export const routeShapes = (routes: readonly ApiRoute[]) => {
  const compiled = routes.map((route) => {
    const names: string[] = [];
    const source = route.path
      .split("/")
      .map((segment) => {
        if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        names.push(segment.slice(1));
        return "([^/]*)";
      })
      .join("/");
    return { route, names, pattern: new RegExp(`^${source}$`) };
  });
  return {
    /** The route a request is shaped like, with its raw (decoded) parameters, or undefined. */
    match(method: string, path: string): { route: ApiRoute; params: Record<string, string> } | undefined {
      for (const c of compiled) {
        if (c.route.method !== method) continue;
        const m = c.pattern.exec(path);
        if (!m) continue;
        const params: Record<string, string> = {};
        c.names.forEach((name, i) => {
          const raw = m[i + 1] ?? "";
          try {
            params[name] = decodeURIComponent(raw);
          } catch {
            params[name] = raw;
          }
        });
        return { route: c.route, params };
      }
      return undefined;
    },
  };
};
