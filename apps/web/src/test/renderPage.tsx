import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { Toaster } from "@fluentui/react-components";
import type { ApiClient } from "../auth/apiClient";
import { AppProviders, createQueryClient } from "../app/providers";
import { TOASTER_ID } from "../components/notify";

/** Renders one page at a URL, under the real providers, with a fake BFF. */
export function renderPage(opts: { api: ApiClient; pattern: string; url: string; element: ReactNode; extraRoutes?: { path: string; element: ReactNode }[] }) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false, refetchInterval: false } });
  const router = createMemoryRouter(
    [
      { path: opts.pattern, element: <div>{opts.element}<Toaster toasterId={TOASTER_ID} /></div> },
      ...(opts.extraRoutes ?? []).map((r) => ({ ...r, element: <div>{r.element}</div> })),
      { path: "*", element: <div>elsewhere</div> },
    ],
    { initialEntries: [opts.url] },
  );
  const auth = { api: opts.api, user: { name: "Ada Operator", username: "ada@example.com" }, signOut: async () => {} };
  const result = render(
    <AppProviders auth={auth} queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...result, router, queryClient };
}
