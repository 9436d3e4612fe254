import { describe, expect, it } from "vitest";
import { blobScopeOf, sasGrants } from "./saved-outputs";

describe("blobScopeOf", () => {
  it("a single-file pattern owns exactly its blob: path, or the file's own name", () => {
    const named = blobScopeOf("../stdout.txt", "run1/stdout.txt");
    expect([named.prefix, named.matches("run1/stdout.txt"), named.matches("run1/stdout.txt.bak")]).toEqual(["run1/stdout.txt", true, false]);
    const bare = blobScopeOf("out/result.csv", undefined);
    expect([bare.matches("result.csv"), bare.matches("out/result.csv")]).toEqual([true, false]);
  });

  it("a pattern owns the blobs below its path that match what follows its literal folder", () => {
    const s = blobScopeOf("out/*.txt", "run1/");
    expect(s.prefix).toBe("run1/");
    expect(["run1/a.txt", "run1/b.log", "run1/sub/a.txt", "a.txt", "run10/a.txt"].filter(s.matches)).toEqual(["run1/a.txt"]);
    const deep = blobScopeOf("**/*.log", undefined);
    expect(["x.log", "a/b/x.log", "a/x.txt"].filter(deep.matches)).toEqual(["x.log", "a/b/x.log"]);
  });
});

describe("sasGrants", () => {
  const now = new Date("2026-12-04T12:00:00Z");
  const url = (q: string) => `https://a.blob.core.windows.net/c?${q}`;
  it("needs a signature, every permission asked for and an expiry still ahead", () => {
    expect(sasGrants(url("sp=rl&se=2026-12-05T00:00:00Z&sig=x"), "rl", now)).toBe(true);
    expect(sasGrants(url("sp=w&se=2026-12-05T00:00:00Z&sig=x"), "r", now)).toBe(false);
    expect(sasGrants(url("sp=r&se=2026-12-05T00:00:00Z&sig=x"), "rl", now)).toBe(false);
    expect(sasGrants(url("sp=rl&se=2026-12-04T11:59:59Z&sig=x"), "r", now)).toBe(false);
    expect(sasGrants(url("sp=rl"), "r", now)).toBe(false);
    expect(sasGrants("https://a.blob.core.windows.net/c", "r", now)).toBe(false);
    expect(sasGrants("::not a url", "r", now)).toBe(false);
  });
});
