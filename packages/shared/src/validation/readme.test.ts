import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ruleCatalog } from "./index";

describe("README rule list", () => {
  it("lists every rule code", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const missing = ruleCatalog().filter((rule) => !readme.includes(`\`${rule.code}\``));
    expect(missing.map((r) => r.code)).toEqual([]);
  });
});
