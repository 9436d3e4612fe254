import type { BffConfig } from "../config";

export interface OpenIdMetadata {
  issuer: string;
  jwks_uri: string;
  token_endpoint: string;
}

/**
 * The issuer and JWKS of the authority: from BATCH_STUDIO_AUTHORITY_METADATA when given (the local
 * stack over plain http), else from `<authority>/v2.0/.well-known/openid-configuration`, the
 * document Entra and the local identity both serve. Fetched once; a failure is retried next time.
 */
export const createMetadataSource = (config: Pick<BffConfig, "authority" | "authorityMetadata">) => {
  let pending: Promise<OpenIdMetadata> | undefined;
  const load = async (): Promise<OpenIdMetadata> => {
    if (config.authorityMetadata !== undefined) return JSON.parse(config.authorityMetadata) as OpenIdMetadata;
    const url = `${config.authority}/v2.0/.well-known/openid-configuration`;
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`OpenID discovery at ${url} answered ${res.status}`);
    return (await res.json()) as OpenIdMetadata;
  };
  return (): Promise<OpenIdMetadata> => {
    pending ??= load().catch((err: unknown) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
};
