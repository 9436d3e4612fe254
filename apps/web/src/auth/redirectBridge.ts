// The MSAL v5 redirect page: it hands the authorization response back to the window that asked
// for it (popup/iframe), or navigates home for a full-page redirect. No app code runs here.
import { broadcastResponseToMainFrame } from "@azure/msal-browser/redirect-bridge";

broadcastResponseToMainFrame().catch((error: unknown) => {
  const p = document.querySelector("p");
  if (p) p.textContent = `Sign-in could not complete: ${error instanceof Error ? error.message : String(error)}`;
});
