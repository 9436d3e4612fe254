import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfidentialClientApplication } from "@azure/msal-node";
import { ComputeManagementClient } from "@azure/arm-compute";
import { startIdentity, type LocalIdentity } from "../../identity";
import { headlessSignIn } from "../../identity/headless-sign-in";
import { ARM_SCOPE, BFF_CLIENT_ID, DEFAULT_BFF_CLIENT_SECRET } from "../../local-azure-constants";
import { DEFAULT_SEED } from "../../seed";
import { startArm, type ArmOptions, type LocalArm } from "../arm-server";
import { allowBearerOverLoopbackHttp, type SimpleTokenCredential } from "../loopback-bearer";

/**
 * A local identity provider and ARM for tests, with ARM credentials for seeded operators obtained
 * as the BFF obtains them: the operator signs in (headless), and the BFF's confidential client
 * exchanges that token on behalf of them. ARM SDK clients get the loopback-http bearer policy.
 */
export interface ArmHarness {
  identity: LocalIdentity;
  arm: LocalArm;
  /** The BFF's confidential client (for client-credential and other token tests). */
  bff: ConfidentialClientApplication;
  /** The operator's own access token for the BFF (the OBO assertion). */
  userToken(operatorOid: string): Promise<string>;
  /** An ARM credential for the operator, refreshed through on-behalf-of on every getToken. */
  credentialFor(operatorOid: string): Promise<SimpleTokenCredential>;
  /** @azure/arm-compute against this ARM with `credential`, no retries. */
  compute(credential: SimpleTokenCredential, subscriptionId?: string): ComputeManagementClient;
  close(): Promise<void>;
}

export async function startArmHarness(options: {
  spaOrigin: string;
  arm?: Omit<ArmOptions, "port" | "identity">;
}): Promise<ArmHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), "bs-arm-"));
  const identity = await startIdentity({ port: 0, dataDir, spaOrigins: [options.spaOrigin] });
  const arm = await startArm({ port: 0, identity, ...options.arm });
  const bff = new ConfidentialClientApplication({
    auth: {
      clientId: BFF_CLIENT_ID,
      clientSecret: DEFAULT_BFF_CLIENT_SECRET,
      authority: identity.authority,
      knownAuthorities: identity.knownAuthorities,
      authorityMetadata: identity.authorityMetadata,
    },
  });
  const userToken = async (operatorOid: string) =>
    (await headlessSignIn({ issuer: identity.issuer, redirectUri: `${options.spaOrigin}/`, operatorOid }))
      .tokens.access_token;
  return {
    identity,
    arm,
    bff,
    userToken,
    async credentialFor(operatorOid) {
      const assertion = await userToken(operatorOid);
      return {
        async getToken() {
          const r = await bff.acquireTokenOnBehalfOf({ oboAssertion: assertion, scopes: [ARM_SCOPE] });
          return (
            r && { token: r.accessToken, expiresOnTimestamp: r.expiresOn?.getTime() ?? Date.now() + 3600_000 }
          );
        },
      };
    },
    compute(credential, subscriptionId = DEFAULT_SEED.subscription.subscriptionId) {
      const client = new ComputeManagementClient(credential, subscriptionId, {
        endpoint: arm.url,
        retryOptions: { maxRetries: 0 },
      });
      allowBearerOverLoopbackHttp(client.pipeline, credential, [ARM_SCOPE]);
      return client;
    },
    async close() {
      await arm.close();
      await identity.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
