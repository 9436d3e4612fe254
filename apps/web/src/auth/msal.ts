import {
  BrowserCacheLocation,
  InteractionRequiredAuthError,
  PublicClientApplication,
  type AccountInfo,
} from "@azure/msal-browser";
import type { RuntimeConfig } from "./runtimeConfig";
import type { TokenSource } from "./apiClient";
import { createTokenMemo } from "./tokenMemo";

/**
 * Sign-in with MSAL's redirect flow. The redirect page is /redirect.html (MSAL v5's bridge,
 * see redirectBridge.ts); the cache is sessionStorage so closing the tab signs out. The SPA only
 * ever holds a token for the BFF's API scope: Batch and ARM tokens stay in the BFF (on-behalf-of).
 */
export interface AuthSession extends TokenSource {
  account: AccountInfo;
  signOut(): Promise<void>;
}

export function createMsal(config: RuntimeConfig): PublicClientApplication {
  const origin = window.location.origin;
  return new PublicClientApplication({
    auth: {
      clientId: config.auth.clientId,
      authority: config.auth.authority,
      knownAuthorities: config.auth.knownAuthorities,
      ...(config.auth.authorityMetadata ? { authorityMetadata: config.auth.authorityMetadata } : {}),
      redirectUri: `${origin}/redirect.html`,
      postLogoutRedirectUri: `${origin}/`,
    },
    cache: { cacheLocation: BrowserCacheLocation.SessionStorage },
  });
}

/**
 * Finishes a redirect that brought us back (if any) and returns a session, or starts the sign-in
 * redirect and returns undefined (the page is about to navigate away).
 */
export async function startSession(msal: PublicClientApplication, config: RuntimeConfig): Promise<AuthSession | undefined> {
  await msal.initialize();
  const result = await msal.handleRedirectPromise();
  const account = result?.account ?? msal.getActiveAccount() ?? msal.getAllAccounts()[0];
  const scopes = config.auth.scopes;
  if (!account) {
    await msal.loginRedirect({ scopes, redirectStartPage: window.location.href });
    return undefined;
  }
  msal.setActiveAccount(account);

  const promptInteraction = async (claims?: string) => {
    await msal.acquireTokenRedirect({ scopes, account, ...(claims ? { claims } : {}), redirectStartPage: window.location.href });
  };

  const tokens = createTokenMemo(async () => {
    try {
      const result = await msal.acquireTokenSilent({ scopes, account });
      return { token: result.accessToken, expiresOnMs: result.expiresOn?.getTime() };
    } catch (error) {
      if (error instanceof InteractionRequiredAuthError) await promptInteraction();
      throw error;
    }
  });

  return {
    account,
    getToken: tokens.get,
    forgetToken: tokens.forget,
    promptInteraction,
    async signOut() {
      await msal.logoutRedirect({ account });
    },
  };
}
