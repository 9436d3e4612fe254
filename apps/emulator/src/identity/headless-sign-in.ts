import { createHash, randomBytes } from "node:crypto";
import { BFF_API_SCOPE, SPA_CLIENT_ID } from "../local-azure-constants";

/**
 * Drives the SPA's sign-in (authorization code + PKCE) over plain HTTP, the way a browser would:
 * GET /auth, follow redirects to the sign-in page, post the form, follow redirects back to the
 * redirect URI, exchange the code. For tests and scripts; a real browser run lives in e2e.
 */
export interface HeadlessSignInOptions {
  issuer: string;
  /** One of the SPA's registered redirect URIs. */
  redirectUri: string;
  /** Either a seeded operator's oid (the button) or anything typed into the name field. */
  operatorOid?: string;
  typedName?: string;
  scope?: string;
  clientId?: string;
  /** Pass one to keep the IdP session (e.g. to sign out afterwards). */
  jar?: CookieJar;
}

export interface SpaTokens {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  client_info?: string;
  scope: string;
  expires_in: number;
}

/** A minimal browser cookie store: enough for oidc-provider's session and interaction cookies. */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some(
        (a) => /^\s*expires=/i.test(a) && Date.parse(a.split("=")[1] ?? "") < Date.now(),
      );
      if (expired || value === "") this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

const MAX_HOPS = 10;

export async function headlessSignIn(
  options: HeadlessSignInOptions,
): Promise<{ code: string; codeVerifier: string; tokens: SpaTokens }> {
  const clientId = options.clientId ?? SPA_CLIENT_ID;
  const scope = options.scope ?? `${BFF_API_SCOPE} openid profile offline_access`;
  const codeVerifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(codeVerifier).digest("base64url");
  const jar = options.jar ?? new CookieJar();
  const auth = new URL(`${options.issuer}/auth`);
  auth.search = new URLSearchParams({
    client_id: clientId,
    response_type: "code",
    redirect_uri: options.redirectUri,
    scope,
    code_challenge: challenge,
    code_challenge_method: "S256",
    state: randomBytes(8).toString("hex"),
    nonce: randomBytes(8).toString("hex"),
    response_mode: "query",
  }).toString();

  const follow = async (start: string, init?: RequestInit): Promise<{ url: string; res: Response }> => {
    let url = start;
    let req: RequestInit | undefined = init;
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      if (url.startsWith(options.redirectUri)) return { url, res: new Response(null) };
      const res = await fetch(url, {
        ...req,
        redirect: "manual",
        headers: { ...(req?.headers as Record<string, string>), cookie: jar.header() },
      });
      jar.store(res);
      const location = res.headers.get("location");
      if (res.status >= 300 && res.status < 400 && location) {
        url = new URL(location, url).href;
        req = undefined;
        await res.arrayBuffer();
        continue;
      }
      return { url, res };
    }
    throw new Error(`sign-in did not finish within ${MAX_HOPS} redirects`);
  };

  const page = await follow(auth.href);
  const html = await page.res.text();
  if (page.res.status !== 200)
    throw new Error(`sign-in page answered ${page.res.status}: ${html.slice(0, 300)}`);
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no sign-in form at ${page.url}`);
  const form: Record<string, string> = options.operatorOid
    ? { operator: options.operatorOid }
    : { login: options.typedName ?? "Ada Lovelace" };
  const back = await follow(new URL(action, page.url).href, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
  const redirected = new URL(back.url);
  const code = redirected.searchParams.get("code");
  if (!code)
    throw new Error(
      `no code in redirect: ${redirected.searchParams.get("error") ?? back.url} ${redirected.searchParams.get("error_description") ?? ""}`,
    );

  const tokenRes = await fetch(`${options.issuer}/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: clientId,
      code,
      redirect_uri: options.redirectUri,
      code_verifier: codeVerifier,
      scope,
    }).toString(),
  });
  const tokens = (await tokenRes.json()) as SpaTokens & { error?: string; error_description?: string };
  if (!tokenRes.ok)
    throw new Error(`token exchange failed: ${tokens.error} ${tokens.error_description ?? ""}`);
  return { code, codeVerifier, tokens };
}
