import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SecretBox } from "./secret-box";

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), "box-"));
  dirs.push(dir);
  return dir;
};

describe("SecretBox", () => {
  it("creates a 0600 key on first open and reuses it, so values sealed before a restart still open", async () => {
    const file = join(await tempDir(), "secrets.key");
    const first = await SecretBox.open(file);
    const sealed = first.seal("registry-pw");
    expect(sealed).not.toContain("registry-pw");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const key = await readFile(file, "utf8");
    const again = await SecretBox.open(file);
    expect(await readFile(file, "utf8")).toBe(key);
    expect(again.unseal(sealed)).toBe("registry-pw");
  });

  it("uses a fresh IV per value and refuses values sealed under another key or altered", async () => {
    const box = await SecretBox.open(join(await tempDir(), "k"));
    const other = await SecretBox.open(join(await tempDir(), "k"));
    expect(box.seal("same")).not.toBe(box.seal("same"));
    const sealed = box.seal("pw");
    expect(() => other.unseal(sealed)).toThrow();
    const altered = sealed.slice(0, -4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(() => box.unseal(altered)).toThrow();
  });

  it("passes clear text an older emulator stored through unchanged", async () => {
    const box = await SecretBox.open(join(await tempDir(), "k"));
    expect(SecretBox.isSealed("plain")).toBe(false);
    expect(box.unseal("plain")).toBe("plain");
  });
});
