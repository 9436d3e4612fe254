import type Provider from "oidc-provider";
import type { Interaction, KoaContextWithOIDC, Grant } from "oidc-provider";
import { KNOWN_RESOURCES, resourceServerInfo } from "./resources";

const FIRST_PARTY_OIDC_SCOPES = "openid profile email offline_access";

/** Adds every scope a first-party client is allowed to a grant: the local stand-in for admin consent. */
function fillGrant(grant: Grant, clientId: string): void {
  grant.addOIDCScope(FIRST_PARTY_OIDC_SCOPES);
  for (const resource of KNOWN_RESOURCES) {
    const info = resourceServerInfo(resource, clientId);
    if (info) grant.addResourceScope(resource.identifier, info.scope);
  }
}

/**
 * `loadExistingGrant`: like an Entra tenant whose admin consented for the portal's apps, first-party
 * clients never see a consent screen.
 */
export async function loadOrCreateFirstPartyGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
  const { client, session, provider } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const grantId =
    (ctx.oidc.result?.consent as { grantId?: string } | undefined)?.grantId ??
    session.grantIdFor(client.clientId);
  if (grantId) {
    const existing = await provider.Grant.find(grantId);
    if (existing) return existing;
  }
  const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
  fillGrant(grant, client.clientId);
  await grant.save();
  return grant;
}

/** Fallback when a consent prompt still appears (e.g. a grant expired mid-interaction). */
export async function grantFirstPartyConsent(provider: Provider, details: Interaction): Promise<string> {
  const clientId = String(details.params.client_id ?? "");
  const accountId = details.session?.accountId;
  const grant = details.grantId
    ? ((await provider.Grant.find(details.grantId)) ?? new provider.Grant({ clientId, accountId }))
    : new provider.Grant({ clientId, accountId });
  fillGrant(grant, clientId);
  return grant.save();
}
