/**
 * The well-known names, ids and ports of the local Azure, in one place. Like Azurite's
 * `devstoreaccount1` key, these are public on purpose: they only ever protect loopback listeners.
 * Other packages (the BFF's local config, e2e, scripts) import them instead of repeating literals.
 */

/** The local Entra tenant (the `tid` claim and the `/<tenant>/v2.0` mount of the identity provider). */
export const LOCAL_TENANT_ID = "7c2d8f3e-4b1a-4e9c-8d6f-2a5b3c1e9f00";

/** The portal SPA: a public client (auth code + PKCE, refresh tokens). */
export const SPA_CLIENT_ID = "3f1e9c2a-6b7d-4c8e-9a1f-5d2e7b3c4a10";

/** The BFF: a confidential client that exposes the portal API and calls Batch and ARM on behalf of users. */
export const BFF_CLIENT_ID = "9b4a2e6f-1c3d-4f8a-b7e5-0d9c8b6a5f21";

/**
 * Well-known default secret of the BFF client (override with BATCH_STUDIO_BFF_CLIENT_SECRET).
 * Like Azurite's account key it is published, so it grants nothing beyond this machine's loopback.
 */
export const DEFAULT_BFF_CLIENT_SECRET = "bs-local-bff-secret-0e6f3a9c4d2b7e81f5a6c0d9b3e2f147";

/** The API the BFF exposes (Entra "Application ID URI"); API tokens carry aud = BFF_CLIENT_ID, as Entra v2 does. */
export const BFF_API_RESOURCE = `api://${BFF_CLIENT_ID}`;
export const BFF_API_SCOPE = `${BFF_API_RESOURCE}/access_as_user`;

/** Audience of Batch data-plane tokens, and the scope MSAL asks for. */
export const BATCH_RESOURCE = "https://batch.core.windows.net/";
export const BATCH_SCOPE = `${BATCH_RESOURCE}/.default`;

/** Audience of ARM tokens, and the scope MSAL asks for. */
export const ARM_RESOURCE = "https://management.azure.com/";
export const ARM_SCOPE = `${ARM_RESOURCE}/.default`;

/** Default loopback ports; every one can be overridden by the environment variable in LOCAL_AZURE_ENV. */
export const DEFAULT_PORTS = {
  identity: 4400,
  arm: 4401,
  batch: [4410, 4411],
  /** Azurite's blob service (the local Storage). */
  storage: 4402,
  bff: 4300,
} as const;

/** Where the portal runs: the BFF serving the built SPA, and Vite's dev server. */
export const DEFAULT_SPA_ORIGINS = [`http://localhost:${DEFAULT_PORTS.bff}`, "http://localhost:5173"];

export const DEFAULT_HOST = "127.0.0.1";

/** Environment variables read by the emulator CLI (apps/emulator/src/main.ts) and scripts/stack.mjs. */
export const LOCAL_AZURE_ENV = {
  dataDir: "BATCH_STUDIO_DATA_DIR",
  host: "BATCH_STUDIO_HOST",
  identityPort: "BATCH_STUDIO_IDENTITY_PORT",
  armPort: "BATCH_STUDIO_ARM_PORT",
  /** Comma-separated, one per seeded account, e.g. "4410,4411". */
  batchPorts: "BATCH_STUDIO_BATCH_PORTS",
  bffPort: "BATCH_STUDIO_BFF_PORT",
  /** Port of the stack's Azurite blob service (scripts/stack.mjs starts it). */
  storagePort: "BATCH_STUDIO_STORAGE_PORT",
  /** Origin of a running Azurite blob service, e.g. "http://127.0.0.1:4402": ARM then serves storage accounts. */
  storageUrl: "BATCH_STUDIO_STORAGE_URL",
  /** Comma-separated origins allowed to sign in (redirect URIs and CORS), e.g. "http://localhost:4300". */
  spaOrigins: "BATCH_STUDIO_SPA_ORIGINS",
  bffClientSecret: "BATCH_STUDIO_BFF_CLIENT_SECRET",
  /** "auto" (default), "docker" or "process". */
  runtime: "BATCH_STUDIO_RUNTIME",
  /** PEM files: serve the identity provider over https (option A); both or neither. */
  identityTlsCert: "BATCH_STUDIO_IDENTITY_TLS_CERT",
  identityTlsKey: "BATCH_STUDIO_IDENTITY_TLS_KEY",
  /** "1" creates the seeded demo workload on first start (pnpm start sets it; the CLI default is off). */
  demo: "BATCH_STUDIO_DEMO",
} as const;

/**
 * Well-known shared keys of the seeded Batch accounts (base64, 64 bytes), published like Azurite's
 * devstoreaccount1 key: they only open listeners on this machine's loopback.
 */
export const WELL_KNOWN_ACCOUNT_KEYS: Record<string, string> = {
  contosoweu: "Y29udG9zb3dldS1iYXRjaC1zdHVkaW8tbG9jYWwta2V5LTAxLWRvLW5vdC11c2UtaW4tYXp1cmUtISEhISEhIQ==",
  contosoeus: "Y29udG9zb2V1cy1iYXRjaC1zdHVkaW8tbG9jYWwta2V5LTAyLWRvLW5vdC11c2UtaW4tYXp1cmUtISEhISEhIQ==",
};

/**
 * Well-known keys (key1, key2) of the seeded storage accounts, which the local Azurite serves. Like
 * Azurite's own devstoreaccount1 key they are published: they open only a loopback blob service.
 */
export const WELL_KNOWN_STORAGE_KEYS: Record<string, readonly [string, string]> = {
  contosoweudata: [
    "Y29udG9zb3dldWRhdGEtYXp1cml0ZS1rZXkxLWJhdGNoLXN0dWRpby1sb2NhbC1kby1ub3QtdXNlLWluLWF6dQ==",
    "Y29udG9zb3dldWRhdGEtYXp1cml0ZS1rZXkyLWJhdGNoLXN0dWRpby1sb2NhbC1kby1ub3QtdXNlLWluLWF6dQ==",
  ],
  contosoeusdata: [
    "Y29udG9zb2V1c2RhdGEtYXp1cml0ZS1rZXkxLWJhdGNoLXN0dWRpby1sb2NhbC1kby1ub3QtdXNlLWluLWF6dQ==",
    "Y29udG9zb2V1c2RhdGEtYXp1cml0ZS1rZXkyLWJhdGNoLXN0dWRpby1sb2NhbC1kby1ub3QtdXNlLWluLWF6dQ==",
  ],
};
