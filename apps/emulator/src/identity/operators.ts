import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, mkdirSync, renameSync } from "node:fs";
import { dirname } from "node:path";
import { LOCAL_TENANT_ID } from "../local-azure-constants";

/** A signed-in person as the tokens describe them (Entra's oid / name / preferred_username). */
export interface Operator {
  oid: string;
  name: string;
  username: string;
}

/** The people offered on the sign-in page; anyone else can type a name. */
export const SEEDED_OPERATORS: readonly Operator[] = [
  operatorFromLogin("Ada Lovelace", "ada@contoso.example"),
  operatorFromLogin("Grace Hopper", "grace@contoso.example"),
  operatorFromLogin("Alan Turing", "alan@contoso.example"),
];

const LOCAL_DOMAIN = "contoso.example";

/**
 * A GUID derived from a name, so the same login always gets the same oid across restarts and
 * machines (tests and demos can rely on it). Shaped as an RFC 4122 name-based (v5-like) UUID.
 */
export function stableGuid(namespace: string, name: string): string {
  const bytes = createHash("sha256").update(`${namespace}\n${name}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function operatorFromLogin(name: string, username: string): Operator {
  return { oid: stableGuid(LOCAL_TENANT_ID, username.toLowerCase()), name, username };
}

/**
 * What someone typed on the sign-in page → an operator. "grace@contoso.example" and "Grace Hopper"
 * are the same person when seeded; a new name "Jane Doe" becomes jane.doe@contoso.example.
 * Returns undefined for input that holds no usable name.
 */
export function operatorForTypedName(typed: string): Operator | undefined {
  const text = typed.trim().replace(/\s+/g, " ").slice(0, 100);
  if (!text) return undefined;
  const lower = text.toLowerCase();
  const seeded = SEEDED_OPERATORS.find((op) => op.username === lower || op.name.toLowerCase() === lower);
  if (seeded) return seeded;
  if (text.includes("@")) {
    const local = text.slice(0, text.indexOf("@"));
    const display = local.replace(/[._-]+/g, " ").trim() || text;
    return operatorFromLogin(display, lower);
  }
  const slug = lower.replace(/[^a-z0-9]+/g, ".").replace(/^\.+|\.+$/g, "");
  if (!slug) return undefined;
  return operatorFromLogin(text, `${slug}@${LOCAL_DOMAIN}`);
}

/**
 * Everyone who has signed in, kept in the data folder so a token's oid still resolves to a name
 * after a restart (oidc-provider looks accounts up by id when it refreshes or issues ID tokens).
 */
export class OperatorDirectory {
  readonly #byOid = new Map<string, Operator>();

  constructor(private readonly file: string) {
    for (const op of SEEDED_OPERATORS) this.#byOid.set(op.oid, op);
    try {
      const saved = JSON.parse(readFileSync(file, "utf8")) as Operator[];
      for (const op of saved) this.#byOid.set(op.oid, op);
    } catch {
      // First start, or an unreadable file: the seeded operators are enough to begin with.
    }
  }

  get(oid: string): Operator | undefined {
    return this.#byOid.get(oid);
  }

  remember(op: Operator): void {
    if (this.#byOid.get(op.oid)?.name === op.name) return;
    this.#byOid.set(op.oid, op);
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.tmp`;
    // Who signed in is the operator's business only: 0600 like every file under the data folder.
    writeFileSync(tmp, JSON.stringify([...this.#byOid.values()], null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
