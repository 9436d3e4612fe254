import express, { type Router } from "express";
import type Provider from "oidc-provider";
import { SEEDED_OPERATORS, operatorForTypedName, type OperatorDirectory } from "./operators";
import { grantFirstPartyConsent } from "./first-party-consent";

const CSS = `
:root { color-scheme: light dark; --accent: #0f6cbd; --border: #8a8886; --muted: #605e5c; }
@media (prefers-color-scheme: dark) { :root { --accent: #479ef5; --muted: #c8c6c4; } }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; font: 15px/1.45 system-ui, "Segoe UI", sans-serif; }
main { width: min(420px, 92vw); padding: 2rem; border: 1px solid var(--border); border-radius: 8px; }
h1 { margin: 0 0 .25rem; font-size: 1.5rem; font-weight: 600; }
p.muted, .note { color: var(--muted); font-size: .875rem; }
fieldset { border: 0; padding: 0; margin: 1.25rem 0; display: grid; gap: .5rem; }
legend { font-weight: 600; margin-bottom: .5rem; padding: 0; }
button { font: inherit; cursor: pointer; border-radius: 4px; }
button.account { display: grid; text-align: left; width: 100%; padding: .6rem .8rem; border: 1px solid var(--border); background: transparent; color: inherit; }
button.account:hover, button.account:focus-visible { border-color: var(--accent); }
.user { color: var(--muted); font-size: .85rem; }
label { display: block; font-weight: 600; margin-bottom: .35rem; }
.row { display: flex; gap: .5rem; }
input { flex: 1; font: inherit; padding: .45rem .6rem; border: 1px solid var(--border); border-radius: 4px; background: transparent; color: inherit; }
button.primary { padding: .45rem 1rem; border: 0; background: var(--accent); color: #fff; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.error { color: #c50f1f; font-weight: 600; }
`;

/** Submits the logout confirmation without a click (pitfall 6); served as a file, not inline. */
const LOGOUT_SCRIPT = `document.getElementById("op.logoutForm")?.submit();\n`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string, assetsPath: string, script?: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${assetsPath}/sign-in.css">
${script ? `<script src="${assetsPath}/${script}" defer></script>` : ""}
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

function signInBody(action: string, clientName: string, error?: string): string {
  const accounts = SEEDED_OPERATORS.map(
    (op) => `<button type="submit" class="account" name="operator" value="${escapeHtml(op.oid)}">
  <span class="name">${escapeHtml(op.name)}</span><span class="user">${escapeHtml(op.username)}</span>
</button>`,
  ).join("\n");
  return `<h1>Sign in</h1>
<p class="muted">to ${escapeHtml(clientName)} · local identity provider (Entra-shaped)</p>
<form method="post" action="${action}">
<fieldset>
<legend>Pick an operator</legend>
${accounts}
</fieldset>
</form>
<form method="post" action="${action}">
<label for="login">Or type a name</label>
<div class="row">
<input id="login" name="login" autocomplete="username" maxlength="100" placeholder="Jane Doe or jane@contoso.example"${error ? ' aria-invalid="true" aria-describedby="login-error"' : ""}>
<button type="submit" class="primary">Sign in</button>
</div>
${error ? `<p id="login-error" class="error" role="alert">${escapeHtml(error)}</p>` : ""}
</form>
<p class="note">No password: this sign-in only exists on this computer, for demos and tests.</p>`;
}

export function logoutPage(form: string, assetsPath: string): string {
  // Confirm on the user's behalf (msal-browser sends no id_token_hint, so oidc-provider asks).
  const confirmed = form.replace("</form>", '<input type="hidden" name="logout" value="yes"></form>');
  return page(
    "Signing out",
    `<h1>Signing out…</h1>${confirmed}<button type="submit" class="primary" form="op.logoutForm">Sign out</button>`,
    assetsPath,
    "logout.js",
  );
}

export function signedOutPage(assetsPath: string): string {
  return page(
    "Signed out",
    `<h1>You are signed out</h1><p class="muted">You can close this window.</p>`,
    assetsPath,
  );
}

export function errorPage(out: Record<string, unknown>, assetsPath: string): string {
  const rows = Object.entries(out)
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(String(v))}</dd>`)
    .join("");
  return page("Sign-in error", `<h1>Something went wrong</h1><dl>${rows}</dl>`, assetsPath);
}

/** Static assets of the pages above (no external fonts or requests: nothing leaves loopback). */
export function signInAssets(): Router {
  const router = express.Router();
  router.get("/sign-in.css", (_req, res) => {
    res.type("text/css").set("Cache-Control", "no-cache").send(CSS);
  });
  router.get("/logout.js", (_req, res) => {
    res.type("text/javascript").set("Cache-Control", "no-cache").send(LOGOUT_SCRIPT);
  });
  return router;
}

/**
 * Our own interaction pages at `<mount>/interaction/:uid` (oidc-provider's devInteractions load a
 * Google font and accept any password; pitfall 7).
 */
export function signInRouter(
  provider: Provider,
  operators: OperatorDirectory,
  mountPath: string,
  /** client id → the name shown under "Sign in". */
  clientNames: Record<string, string>,
): Router {
  const router = express.Router();
  const assets = `${mountPath}/assets`;
  const parse = express.urlencoded({ extended: false, limit: "8kb" });

  router.get("/:uid", async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === "consent") {
        await provider.interactionFinished(
          req,
          res,
          { consent: { grantId: await grantFirstPartyConsent(provider, details) } },
          { mergeWithLastSubmission: true },
        );
        return;
      }
      const clientId = String(details.params.client_id ?? "");
      res
        .type("html")
        .set("Cache-Control", "no-store")
        .send(
          page(
            "Sign in · Batch Studio (local)",
            signInBody(`${mountPath}/interaction/${details.uid}/login`, clientNames[clientId] ?? clientId),
            assets,
          ),
        );
    } catch (err) {
      next(err);
    }
  });

  router.post("/:uid/login", parse, async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const body = (req.body ?? {}) as { operator?: string; login?: string };
      const chosen = body.operator ? operators.get(body.operator) : operatorForTypedName(body.login ?? "");
      if (!chosen) {
        const clientId = String(details.params.client_id ?? "");
        res
          .status(400)
          .type("html")
          .send(
            page(
              "Sign in · Batch Studio (local)",
              signInBody(
                `${mountPath}/interaction/${details.uid}/login`,
                clientNames[clientId] ?? clientId,
                "Type a name, or pick an operator above.",
              ),
              assets,
            ),
          );
        return;
      }
      operators.remember(chosen);
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: chosen.oid } },
        { mergeWithLastSubmission: false },
      );
    } catch (err) {
      next(err);
    }
  });

  return router;
}
