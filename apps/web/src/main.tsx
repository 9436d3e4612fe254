import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "./router";
import { AppProviders, createQueryClient } from "./app/providers";
import { AppRoutes } from "./app/routes";
import { createApiClient } from "./auth/apiClient";
import { createMsal, startSession } from "./auth/msal";
import { loadRuntimeConfig } from "./auth/runtimeConfig";

const root = createRoot(document.getElementById("root")!);

function showFatal(message: string) {
  // Plain DOM on purpose: Fluent may not be loadable if this is a deployment problem.
  const p = document.createElement("p");
  p.setAttribute("role", "alert");
  p.style.font = "16px system-ui";
  p.style.padding = "24px";
  p.textContent = message;
  document.body.replaceChildren(p);
}

async function boot() {
  const config = await loadRuntimeConfig();
  const msal = createMsal(config);
  const session = await startSession(msal, config);
  if (!session) return; // navigating to the sign-in page
  const api = createApiClient(session);
  const claims = session.account.idTokenClaims as { name?: string; preferred_username?: string } | undefined;
  const auth = {
    api,
    user: {
      name: session.account.name ?? claims?.name ?? session.account.username,
      username: session.account.username || claims?.preferred_username || "",
    },
    signOut: session.signOut,
  };
  root.render(
    <StrictMode>
      <AppProviders auth={auth} queryClient={createQueryClient()}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AppProviders>
    </StrictMode>,
  );
}

boot().catch((error: unknown) => showFatal(`Batch Studio could not start: ${error instanceof Error ? error.message : String(error)}`));
