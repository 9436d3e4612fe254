import { ClassicLevel } from "classic-level";
import { ensurePrivateDir, tightenTree } from "../private-files";
import type { Adapter, AdapterPayload } from "oidc-provider";

interface Entry {
  payload: AdapterPayload;
  /** Epoch milliseconds; null = no expiry. */
  expiresAt: number | null;
}

/** Models whose entries belong to a grant and are revoked with it (as oidc-provider's memory adapter). */
const GRANTABLE = new Set([
  "AccessToken",
  "AuthorizationCode",
  "RefreshToken",
  "DeviceCode",
  "BackchannelAuthenticationRequest",
]);

type Value = Entry | string | string[];

/**
 * oidc-provider's storage (sessions, grants, interactions, codes, refresh tokens) in an embedded
 * LevelDB under the data folder, so a restart keeps everyone signed in. oidc-provider's own
 * adapter is in-memory and documented as not for production; this one is the smallest persistent
 * equivalent. Writes are serialized so the grant index stays consistent.
 */
export class PersistentStore {
  readonly #db: ClassicLevel<string, Value>;
  readonly #location: string;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(location: string) {
    this.#location = location;
    this.#db = new ClassicLevel<string, Value>(location, { valueEncoding: "json" });
  }

  /** Sessions, grants and refresh tokens live here: the folder and its files are private. */
  async open(): Promise<void> {
    await ensurePrivateDir(this.#location);
    await this.#db.open();
    await tightenTree(this.#location);
  }

  async close(): Promise<void> {
    await this.#queue.catch(() => undefined);
    await this.#db.close();
  }

  adapterFor = (model: string): Adapter => new PersistentAdapter(model, this);

  /** Runs one read-modify-write at a time. */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async get(key: string): Promise<Value | undefined> {
    return this.#db.get(key);
  }

  async put(key: string, value: Value): Promise<void> {
    await this.#db.put(key, value);
  }

  async del(key: string): Promise<void> {
    await this.#db.del(key);
  }
}

class PersistentAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly store: PersistentStore,
  ) {}

  private key(id: string): string {
    return `m:${this.model}:${id}`;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    const key = this.key(id);
    const expiresAt = typeof expiresIn === "number" ? Date.now() + expiresIn * 1000 : null;
    await this.store.serial(async () => {
      await this.store.put(key, { payload, expiresAt });
      if (this.model === "Session" && payload.uid) await this.store.put(`uid:${payload.uid}`, id);
      if (payload.userCode) await this.store.put(`usercode:${payload.userCode}`, id);
      if (GRANTABLE.has(this.model) && payload.grantId) {
        const members = await this.store.get(`grant:${payload.grantId}`);
        const list = Array.isArray(members) ? members : [];
        if (!list.includes(key)) await this.store.put(`grant:${payload.grantId}`, [...list, key]);
      }
    });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    const entry = await this.store.get(this.key(id));
    if (!entry || typeof entry === "string" || Array.isArray(entry)) return undefined;
    if (entry.expiresAt !== null && entry.expiresAt <= Date.now()) {
      await this.store.serial(() => this.store.del(this.key(id)));
      return undefined;
    }
    return entry.payload;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const id = await this.store.get(`uid:${uid}`);
    return typeof id === "string" ? this.find(id) : undefined;
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const id = await this.store.get(`usercode:${userCode}`);
    return typeof id === "string" ? this.find(id) : undefined;
  }

  async consume(id: string): Promise<void> {
    await this.store.serial(async () => {
      const entry = await this.store.get(this.key(id));
      if (!entry || typeof entry === "string" || Array.isArray(entry)) return;
      await this.store.put(this.key(id), {
        ...entry,
        payload: { ...entry.payload, consumed: Math.floor(Date.now() / 1000) },
      });
    });
  }

  async destroy(id: string): Promise<void> {
    await this.store.serial(() => this.store.del(this.key(id)));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.store.serial(async () => {
      const members = await this.store.get(`grant:${grantId}`);
      for (const key of Array.isArray(members) ? members : []) await this.store.del(key);
      await this.store.del(`grant:${grantId}`);
    });
  }
}
