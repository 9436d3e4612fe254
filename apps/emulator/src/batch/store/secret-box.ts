/**
 * Encryption of the secrets the store keeps (registry passwords): AES-256-GCM from Node's crypto,
 * a random 96-bit IV per value, under one key generated into the data folder on first start
 * (mode 0600) and read again on every restart, so a restarted emulator can still pull with a
 * stored registry password. The key never leaves that file; the store holds only sealed values.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmod, readFile, writeFile } from "node:fs/promises";
import { PRIVATE_FILE_MODE } from "../../private-files";

const ALGORITHM = "aes-256-gcm";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Marks a sealed value; what does not carry it was written in clear text by an older emulator. */
const PREFIX = "sealed:v1:";

export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** The data folder's key: read it, or create it (exclusively, 0600) on first start. */
  static async open(keyFile: string): Promise<SecretBox> {
    const created = randomBytes(KEY_BYTES);
    try {
      await writeFile(keyFile, created.toString("base64"), { mode: PRIVATE_FILE_MODE, flag: "wx" });
      return new SecretBox(created);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    await chmod(keyFile, PRIVATE_FILE_MODE);
    const key = Buffer.from((await readFile(keyFile, "utf8")).trim(), "base64");
    if (key.length !== KEY_BYTES) throw new Error(`${keyFile} does not hold a ${KEY_BYTES}-byte key`);
    return new SecretBox(key);
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv);
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
  }

  static isSealed(value: string): boolean {
    return value.startsWith(PREFIX);
  }

  /** The clear text of a sealed value; throws if it was sealed under another key or altered. */
  unseal(value: string): string {
    if (!SecretBox.isSealed(value)) return value;
    const raw = Buffer.from(value.slice(PREFIX.length), "base64");
    const decipher = createDecipheriv(ALGORITHM, this.key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      "utf8",
    );
  }
}
