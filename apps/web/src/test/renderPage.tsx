import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import type { ApiClient } from "../auth/apiClient";
import { AppProviders, createQueryClient } from "../app/providers";
import AppToaster from "../components/AppToaster";
import { createMemoryHistory, Router, useRoutes, type RouteObject } from "../router";

/** Renders one page at a URL, under the real providers, with a fake BFF. */
export function renderPage(opts: { api: ApiClient; pattern: string; url: string; element: ReactNode; extraRoutes?: { path: string; element: ReactNode }[] }) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false, refetchInterval: false } });
  const routes: RouteObject[] = [
    { path: opts.pattern, element: <div>{opts.element}<AppToaster /></div> },
    ...(opts.extraRoutes ?? []).map((r) => ({ ...r, element: <div>{r.element}</div> })),
    { path: "*", element: <div>elsewhere</div> },
  ];
  const history = createMemoryHistory({ initialEntries: [opts.url] });
  const auth = { api: opts.api, user: { name: "Ada Operator", username: "ada@example.com" }, signOut: async () => {} };
  const result = render(
    <AppProviders auth={auth} queryClient={queryClient}>
      <Router history={history}>
        <Routes routes={routes} />
      </Router>
    </AppProviders>,
  );
  return { ...result, history, queryClient };
}

function Routes({ routes }: { routes: RouteObject[] }) {
  return useRoutes(routes);
}
