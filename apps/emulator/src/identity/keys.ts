import { generateKeyPairSync, randomBytes, createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, renameSync } from "node:fs";
import { dirname } from "node:path";

/** The identity provider's secrets: the RS256 signing key (private JWK) and the cookie-signing keys. */
export interface IdentitySecrets {
  signingKeys: Record<string, unknown>[];
  cookieKeys: string[];
}

function createSecrets(): IdentitySecrets {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = privateKey.export({ format: "jwk" }) as Record<string, unknown>;
  // A kid derived from the public modulus: stable for the key, different for every new key.
  const kid = createHash("sha256").update(String(jwk.n)).digest("base64url").slice(0, 16);
  return {
    signingKeys: [{ ...jwk, kid, alg: "RS256", use: "sig" }],
    cookieKeys: [randomBytes(32).toString("base64url")],
  };
}

function isSecrets(value: unknown): value is IdentitySecrets {
  const v = value as IdentitySecrets | null;
  return (
    !!v &&
    Array.isArray(v.signingKeys) &&
    v.signingKeys.length > 0 &&
    Array.isArray(v.cookieKeys) &&
    v.cookieKeys.length > 0
  );
}

/**
 * Loads the secrets from the data folder, creating them on first start. Persisting them is what
 * lets a restart keep tokens verifiable and browser sessions valid (file mode 0600: it holds a private key).
 */
export function loadOrCreateSecrets(file: string): IdentitySecrets {
  try {
    const saved: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (isSecrets(saved)) return saved;
  } catch {
    // Missing or unreadable: make new ones below.
  }
  const secrets = createSecrets();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(secrets), { mode: 0o600 });
  renameSync(tmp, file);
  return secrets;
}

/** The public half of the signing keys, as served at /jwks. */
export function publicJwks(secrets: IdentitySecrets): { keys: Record<string, unknown>[] } {
  return {
    keys: secrets.signingKeys.map((k) => ({
      kty: k.kty,
      n: k.n,
      e: k.e,
      kid: k.kid,
      alg: k.alg,
      use: k.use,
    })),
  };
}
