/** Tokens are renewed this long before they expire, so a request never leaves with a dying one. */
export const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;

export interface IssuedToken {
  token: string;
  /** Epoch ms; undefined when the issuer did not say (then the token is never reused). */
  expiresOnMs: number | undefined;
}

/**
 * The SPA's bearer token, kept in memory between calls. MSAL answers acquireTokenSilent from its
 * session-storage cache, but each answer costs a storage scan and a few event-loop turns — tens
 * of milliseconds on a busy page, paid by every request on the viewer's open path. Concurrent
 * callers share one acquisition; `forget` drops the token when the BFF refuses it.
 */
export function createTokenMemo(acquire: () => Promise<IssuedToken>, now: () => number = Date.now) {
  let current: { token: string; renewAtMs: number } | undefined;
  let pending: Promise<string> | undefined;
  return {
    get(): Promise<string> {
      if (current && now() < current.renewAtMs) return Promise.resolve(current.token);
      pending ??= acquire()
        .then(({ token, expiresOnMs }) => {
          current = { token, renewAtMs: expiresOnMs === undefined ? 0 : expiresOnMs - RENEW_BEFORE_EXPIRY_MS };
          return token;
        })
        .finally(() => {
          pending = undefined;
        });
      return pending;
    },
    forget(): void {
      current = undefined;
    },
  };
}
