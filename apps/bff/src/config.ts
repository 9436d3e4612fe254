import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/**
 * Every setting of the BFF comes from the environment (BATCH_STUDIO_*), validated once at start so
 * a bad deployment fails fast with one message per wrong setting. docs/CONFIGURATION.md describes
 * each variable; ENV below is the single list of names.
 */
export const ENV = {
  authority: "BATCH_STUDIO_AUTHORITY",
  tenantId: "BATCH_STUDIO_TENANT_ID",
  clientId: "BATCH_STUDIO_BFF_CLIENT_ID",
  clientSecret: "BATCH_STUDIO_BFF_CLIENT_SECRET",
  clientCertKeyPath: "BATCH_STUDIO_BFF_CLIENT_CERT_KEY_PATH",
  clientCertThumbprint: "BATCH_STUDIO_BFF_CLIENT_CERT_THUMBPRINT",
  apiAudiences: "BATCH_STUDIO_API_AUDIENCE",
  spaClientId: "BATCH_STUDIO_SPA_CLIENT_ID",
  apiScope: "BATCH_STUDIO_API_SCOPE",
  knownAuthorities: "BATCH_STUDIO_KNOWN_AUTHORITIES",
  authorityMetadata: "BATCH_STUDIO_AUTHORITY_METADATA",
  armEndpoint: "BATCH_STUDIO_ARM_ENDPOINT",
  batchScheme: "BATCH_STUDIO_BATCH_SCHEME",
  accountDiscovery: "BATCH_STUDIO_ACCOUNT_DISCOVERY",
  fixedAccounts: "BATCH_STUDIO_FIXED_ACCOUNTS",
  registryAllowedHosts: "BATCH_STUDIO_REGISTRY_ALLOWED_HOSTS",
  registryPrivateAddresses: "BATCH_STUDIO_REGISTRY_PRIVATE_ADDRESSES",
  allowedOrigins: "BATCH_STUDIO_ALLOWED_ORIGINS",
  host: "BATCH_STUDIO_HOST",
  port: "BATCH_STUDIO_BFF_PORT",
  spaDir: "BATCH_STUDIO_SPA_DIR",
  rateLimitPerMinute: "BATCH_STUDIO_RATE_LIMIT_PER_MINUTE",
  failedAuthPerMinute: "BATCH_STUDIO_FAILED_AUTH_PER_MINUTE",
  trustedProxies: "BATCH_STUDIO_TRUSTED_PROXIES",
  checkResponses: "BATCH_STUDIO_CHECK_RESPONSES",
  jsonBodyLimit: "BATCH_STUDIO_JSON_BODY_LIMIT",
  logLevel: "BATCH_STUDIO_LOG_LEVEL",
  emulatorRuntime: "BATCH_STUDIO_EMULATOR_RUNTIME",
} as const;

/**
 * Registries the portal may probe out of the box: the public ones the Microsoft Learn Batch docs
 * mention plus the CDN and token hosts they redirect to (every hop is re-checked against this list).
 */
export const DEFAULT_REGISTRY_HOSTS = [
  "*.azurecr.io",
  "*.blob.core.windows.net",
  "*.blob.storage.azure.net",
  "docker.io",
  "registry-1.docker.io",
  "auth.docker.io",
  "production.cloudflare.docker.com",
  "ghcr.io",
  "pkg-containers.githubusercontent.com",
  "mcr.microsoft.com",
  "*.data.mcr.microsoft.com",
];

const LOOPBACK_REGISTRY_HOSTS = ["127.0.0.1", "localhost", "[::1]"];

const csv = (v: string | undefined): string[] =>
  (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");

const httpsUrl = z
  .string()
  .url("must be a URL")
  .refine((u) => u.startsWith("https://"), "must be an https:// URL (MSAL refuses http authorities)");

const AuthorityMetadata = z.object({
  issuer: z.string().url(),
  authorization_endpoint: z.string().url(),
  token_endpoint: z.string().url(),
  jwks_uri: z.string().url(),
  end_session_endpoint: z.string().url().optional(),
});

export const FixedAccount = z.object({
  name: z.string().min(1),
  /** host[:port] as ARM reports accountEndpoint. */
  endpoint: z.string().min(1),
  location: z.string().min(1),
  subscriptionId: z.string().min(1),
  resourceGroup: z.string().min(1),
});
export type FixedAccount = z.infer<typeof FixedAccount>;

const jsonText = <T extends z.ZodType>(schema: T, what: string) =>
  z.string().transform((text, ctx) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: "custom", message: `must be ${what} as JSON` });
      return z.NEVER;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.addIssue({ code: "custom", message: `${issue.path.join(".") || "(root)"}: ${issue.message}` });
      }
      return z.NEVER;
    }
    return parsed.data as z.infer<T>;
  });

const defaultSpaDir = fileURLToPath(new URL("../../web/dist", import.meta.url));

const EnvSchema = z
  .object({
    [ENV.authority]: httpsUrl,
    [ENV.tenantId]: z.string().min(1, "is required (the Entra tenant id)"),
    [ENV.clientId]: z.string().min(1, "is required (the BFF app registration's client id)"),
    [ENV.clientSecret]: z.string().min(1).optional(),
    [ENV.clientCertKeyPath]: z.string().min(1).optional(),
    [ENV.clientCertThumbprint]: z.string().regex(/^[0-9A-Fa-f]{40}([0-9A-Fa-f]{24})?$/, "must be a SHA-1 or SHA-256 hex thumbprint").optional(),
    [ENV.apiAudiences]: z.string().optional(),
    [ENV.spaClientId]: z.string().min(1).optional(),
    [ENV.apiScope]: z.string().min(1).optional(),
    [ENV.knownAuthorities]: z.string().optional(),
    [ENV.authorityMetadata]: jsonText(AuthorityMetadata, "OpenID metadata (issuer, authorization_endpoint, token_endpoint, jwks_uri)").optional(),
    [ENV.armEndpoint]: z.string().url("must be a URL").default("https://management.azure.com"),
    [ENV.batchScheme]: z.enum(["https", "http"], { error: "must be https or http (http only for the local emulator)" }).default("https"),
    [ENV.accountDiscovery]: z.enum(["arm", "fixed"], { error: "must be arm or fixed" }).default("arm"),
    [ENV.fixedAccounts]: jsonText(z.array(FixedAccount).min(1), "a non-empty list of {name, endpoint, location, subscriptionId, resourceGroup}").optional(),
    [ENV.registryAllowedHosts]: z.string().optional(),
    [ENV.registryPrivateAddresses]: z.enum(["none", "loopback", "all"], { error: "must be none, loopback or all" }).default("none"),
    [ENV.allowedOrigins]: z.string().optional(),
    [ENV.host]: z.string().default("127.0.0.1"),
    [ENV.port]: z.coerce.number({ error: "must be a port number" }).int().min(0).max(65535, "must be a port number").default(4300),
    [ENV.spaDir]: z.string().default(defaultSpaDir),
    [ENV.rateLimitPerMinute]: z.coerce.number({ error: "must be a number" }).int().min(1, "must be at least 1").default(600),
    [ENV.failedAuthPerMinute]: z.coerce.number({ error: "must be a number" }).int().min(1, "must be at least 1").default(100),
    [ENV.trustedProxies]: z.string().optional(),
    [ENV.checkResponses]: z.enum(["0", "1"], { error: "must be 0 or 1" }).optional(),
    [ENV.jsonBodyLimit]: z.string().regex(/^\d+(b|kb|mb)$/i, "must look like 100kb or 1mb").default("1mb"),
    [ENV.logLevel]: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    [ENV.emulatorRuntime]: z.string().optional(),
  });

/** Rules across settings, checked on the raw values so they are reported together with the rest. */
const crossFieldProblems = (env: Record<string, string | undefined>): string[] => {
  const problems: string[] = [];
  const hasSecret = env[ENV.clientSecret] !== undefined;
  const hasKey = env[ENV.clientCertKeyPath] !== undefined;
  const hasThumbprint = env[ENV.clientCertThumbprint] !== undefined;
  if (!hasSecret && !hasKey && !hasThumbprint) {
    problems.push(`${ENV.clientSecret}: is required unless ${ENV.clientCertKeyPath} and ${ENV.clientCertThumbprint} are set`);
  } else if (!hasSecret && hasKey !== hasThumbprint) {
    problems.push(`${ENV.clientCertThumbprint}: a certificate needs both ${ENV.clientCertKeyPath} and ${ENV.clientCertThumbprint}`);
  }
  if (env[ENV.accountDiscovery] === "fixed" && env[ENV.fixedAccounts] === undefined) {
    problems.push(`${ENV.fixedAccounts}: is required when ${ENV.accountDiscovery}=fixed`);
  }
  for (const origin of csv(env[ENV.allowedOrigins])) {
    if (!/^https?:\/\/[^/]+$/.test(origin)) problems.push(`${ENV.allowedOrigins}: "${origin}" is not an origin (scheme://host[:port], no path)`);
  }
  return problems;
};

export type PrivateAddressPolicy = "none" | "loopback" | "all";

export interface BffConfig {
  authority: string;
  tenantId: string;
  clientId: string;
  clientCredential: { secret: string } | { certificate: { thumbprint: string; privateKey: string } };
  /** The SPA's sign-in settings served at /api/config; absent for an API-only deployment. */
  spa?: { clientId: string; apiScope: string };
  /** Accepted `aud` values of API tokens: the client id (Entra v2) and api://<client id>. */
  apiAudiences: string[];
  knownAuthorities: string[];
  /** JSON string handed to MSAL as-is; its issuer and jwks_uri also drive the token verifier. */
  authorityMetadata?: string;
  armEndpoint: string;
  batchScheme: "https" | "http";
  accounts: { discovery: "arm" } | { discovery: "fixed"; list: FixedAccount[] };
  registry: { allowedHosts: string[]; privateAddresses: PrivateAddressPolicy };
  allowedOrigins: string[];
  host: string;
  port: number;
  spaDir: string;
  rateLimitPerMinute: number;
  /** Requests with a token that does not verify, per client address and minute, before 429. */
  failedAuthPerMinute: number;
  /**
   * Addresses (or CIDR ranges, or Express's names loopback/linklocal/uniquelocal) of the proxies in
   * front of the BFF: X-Forwarded-For is believed only from them, so a client cannot pick its own
   * address to escape the failed-authentication budget. Empty: the socket's peer is the client.
   */
  trustedProxies: string[];
  /**
   * Check every JSON answer against its route's response schema and answer 500 when it breaks it:
   * on in development and tests (a contract break fails a test), off in production.
   */
  checkResponses: boolean;
  jsonBodyLimit: string;
  logLevel: string;
  /** Set when the Batch backend is the local emulator: how it runs tasks ("docker" or "process"). */
  emulatorRuntime?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Batch Studio BFF configuration is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads and validates the environment; throws ConfigError naming every bad setting. */
export const loadConfig = (env: Record<string, string | undefined> = process.env): BffConfig => {
  const relevant = Object.fromEntries(
    Object.values(ENV).map((name) => [name, env[name] === "" ? undefined : env[name]]),
  );
  const parsed = EnvSchema.safeParse(relevant);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((i) => {
          const name = String(i.path[0] ?? "environment");
          const shown = i.code === "invalid_type" && relevant[name] === undefined ? "is required" : i.message;
          return `${name}: ${shown}`;
        })),
    ...crossFieldProblems(relevant),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const clientId = e[ENV.clientId];
  let clientCredential: BffConfig["clientCredential"];
  const secret = e[ENV.clientSecret];
  if (secret !== undefined) {
    clientCredential = { secret };
  } else {
    const keyPath = e[ENV.clientCertKeyPath]!;
    let privateKey: string;
    try {
      privateKey = readFileSync(keyPath, "utf8");
    } catch {
      throw new ConfigError([`${ENV.clientCertKeyPath}: cannot read ${keyPath}`]);
    }
    clientCredential = { certificate: { thumbprint: e[ENV.clientCertThumbprint]!, privateKey } };
  }
  const authority = e[ENV.authority].replace(/\/+$/, "");
  const audiences = csv(e[ENV.apiAudiences]);
  const config: BffConfig = {
    authority,
    tenantId: e[ENV.tenantId],
    clientId,
    clientCredential,
    apiAudiences: audiences.length > 0 ? audiences : [clientId, `api://${clientId}`],
    knownAuthorities: csv(e[ENV.knownAuthorities]).length > 0 ? csv(e[ENV.knownAuthorities]) : [new URL(authority).host],
    armEndpoint: e[ENV.armEndpoint].replace(/\/+$/, ""),
    batchScheme: e[ENV.batchScheme],
    accounts: e[ENV.accountDiscovery] === "fixed" ? { discovery: "fixed", list: e[ENV.fixedAccounts]! } : { discovery: "arm" },
    registry: {
      allowedHosts:
        csv(e[ENV.registryAllowedHosts]).length > 0
          ? csv(e[ENV.registryAllowedHosts])
          : // Allowing loopback addresses only makes sense with loopback registries on the list (the lab's).
            [...DEFAULT_REGISTRY_HOSTS, ...(e[ENV.registryPrivateAddresses] === "none" ? [] : LOOPBACK_REGISTRY_HOSTS)],
      privateAddresses: e[ENV.registryPrivateAddresses],
    },
    allowedOrigins: csv(e[ENV.allowedOrigins]),
    host: e[ENV.host],
    port: e[ENV.port],
    spaDir: e[ENV.spaDir],
    rateLimitPerMinute: e[ENV.rateLimitPerMinute],
    failedAuthPerMinute: e[ENV.failedAuthPerMinute],
    trustedProxies: csv(e[ENV.trustedProxies]),
    checkResponses: e[ENV.checkResponses] !== undefined ? e[ENV.checkResponses] === "1" : env.NODE_ENV !== "production",
    jsonBodyLimit: e[ENV.jsonBodyLimit],
    logLevel: e[ENV.logLevel],
  };
  if (e[ENV.authorityMetadata] !== undefined) config.authorityMetadata = JSON.stringify(e[ENV.authorityMetadata]);
  const spaClientId = e[ENV.spaClientId];
  if (spaClientId !== undefined) config.spa = { clientId: spaClientId, apiScope: e[ENV.apiScope] ?? `api://${clientId}/access_as_user` };
  if (e[ENV.emulatorRuntime] !== undefined) config.emulatorRuntime = e[ENV.emulatorRuntime];
  return config;
};
