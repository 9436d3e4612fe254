import { ARM_SCOPE, BFF_CLIENT_ID, DEFAULT_BFF_CLIENT_SECRET } from "@batch-studio/emulator";
import type { LocalStack } from "./local-stack";

/**
 * An ARM token for the operator who holds `bffToken`, exchanged on-behalf-of as the BFF does, for
 * tests that set up ARM resources the portal itself does not create (the SPA may not ask for ARM).
 */
export async function armTokenFor(stack: LocalStack, bffToken: string): Promise<string> {
  const res = await fetch(`${stack.endpoints.identity.issuer}/token`, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      requested_token_use: "on_behalf_of",
      client_id: BFF_CLIENT_ID,
      client_secret: DEFAULT_BFF_CLIENT_SECRET,
      assertion: bffToken,
      scope: ARM_SCOPE,
    }),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`no ARM token: ${res.status} ${body.error_description ?? ""}`);
  return body.access_token;
}
