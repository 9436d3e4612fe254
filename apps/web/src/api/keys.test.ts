import { describe, expect, it } from "vitest";
import { jobKeys, poolKeys } from "./keys";

const startsWith = (key: readonly unknown[], prefix: readonly unknown[]) =>
  prefix.every((part, i) => JSON.stringify(key[i]) === JSON.stringify(part));

describe("query keys", () => {
  it("nest pool details, specs and nodes under the account's pools", () => {
    const all = poolKeys.all("acct");
    for (const key of [poolKeys.list("acct"), poolKeys.spec("acct", "p"), poolKeys.node("acct", "p", "n"), poolKeys.nodeFiles("acct", "p", "n")]) {
      expect(startsWith(key, all)).toBe(true);
    }
    expect(startsWith(poolKeys.list("other"), all)).toBe(false);
  });

  it("keep one cache entry per task filter, ignoring unset filters", () => {
    expect(jobKeys.taskList("a", "j", { state: undefined })).toEqual(jobKeys.taskList("a", "j", {}));
    expect(jobKeys.taskList("a", "j", { state: "running" })).not.toEqual(jobKeys.taskList("a", "j", {}));
    expect(startsWith(jobKeys.taskList("a", "j", { exitCodeMin: 1 }), jobKeys.tasks("a", "j"))).toBe(true);
  });
});
