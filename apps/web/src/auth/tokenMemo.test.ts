import { describe, expect, it } from "vitest";
import { createTokenMemo, RENEW_BEFORE_EXPIRY_MS } from "./tokenMemo";

const HOUR = 3_600_000;

describe("createTokenMemo", () => {
  it("reuses a token until it nears expiry, then acquires a new one", async () => {
    let clock = 0;
    let issued = 0;
    const memo = createTokenMemo(async () => ({ token: `t${++issued}`, expiresOnMs: clock + HOUR }), () => clock);
    expect(await memo.get()).toBe("t1");
    clock = HOUR - RENEW_BEFORE_EXPIRY_MS - 1;
    expect(await memo.get()).toBe("t1");
    clock = HOUR - RENEW_BEFORE_EXPIRY_MS;
    expect(await memo.get()).toBe("t2");
  });

  it("shares one acquisition between concurrent callers", async () => {
    let issued = 0;
    const memo = createTokenMemo(async () => ({ token: `t${++issued}`, expiresOnMs: Date.now() + HOUR }));
    expect(await Promise.all([memo.get(), memo.get(), memo.get()])).toEqual(["t1", "t1", "t1"]);
    expect(issued).toBe(1);
  });

  it("acquires again after forget, after a failure, and when the expiry is unknown", async () => {
    let issued = 0;
    let fail = false;
    const memo = createTokenMemo(async () => {
      if (fail) throw new Error("interaction required");
      return { token: `t${++issued}`, expiresOnMs: issued === 2 ? undefined : Date.now() + HOUR };
    });
    expect(await memo.get()).toBe("t1");
    memo.forget();
    expect(await memo.get()).toBe("t2");
    expect(await memo.get()).toBe("t3");
    memo.forget();
    fail = true;
    await expect(memo.get()).rejects.toThrow("interaction required");
    fail = false;
    expect(await memo.get()).toBe("t4");
  });
});
