import { describe, expect, it } from "vitest";
import { ExpiringCache } from "./expiring-cache";

const clock = (start = 1_000_000) => {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe("ExpiringCache", () => {
  it("answers until the expiry and never at or after it", () => {
    const c = clock();
    const cache = new ExpiringCache<string, string>(10, c.now);
    cache.set("k", "v", c.now() + 1_000);
    expect(cache.get("k")).toBe("v");
    c.advance(999);
    expect(cache.get("k")).toBe("v");
    c.advance(1);
    expect(cache.get("k")).toBeUndefined();
    expect(cache.size).toBe(0); // an expired entry is dropped when found
  });

  it("never holds more than its bound, dropping the least recently used entry", () => {
    const cache = new ExpiringCache<number, number>(3);
    for (let i = 0; i < 3; i++) cache.set(i, i, Infinity);
    expect(cache.get(0)).toBe(0); // 0 is now the most recently used; 1 the least
    cache.set(3, 3, Infinity);
    expect(cache.size).toBe(3);
    expect(cache.get(1)).toBeUndefined();
    expect([cache.get(0), cache.get(2), cache.get(3)]).toEqual([0, 2, 3]);
    for (let i = 10; i < 1_000; i++) cache.set(i, i, Infinity);
    expect(cache.size).toBe(3);
  });

  it("replaces an entry's value and expiry when the key is set again", () => {
    const c = clock();
    const cache = new ExpiringCache<string, string>(2, c.now);
    cache.set("k", "old", c.now() + 10);
    cache.set("k", "new", c.now() + 1_000);
    c.advance(100);
    expect(cache.get("k")).toBe("new");
    expect(cache.size).toBe(1);
  });

  it("keeps keys apart and forgets deleted ones", () => {
    const cache = new ExpiringCache<string, string>(10);
    cache.set("alice|batch", "token-a", Infinity);
    cache.set("bob|batch", "token-b", Infinity);
    expect(cache.get("alice|batch")).toBe("token-a");
    expect(cache.get("bob|batch")).toBe("token-b");
    expect(cache.get("carol|batch")).toBeUndefined();
    cache.delete("alice|batch");
    expect(cache.get("alice|batch")).toBeUndefined();
  });

  it("refuses a bound below one", () => {
    expect(() => new ExpiringCache(0)).toThrow(/at least one/);
  });
});
