import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ruleCatalog } from "./index";

describe("README rule list", () => {
  it("lists every rule code", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const missing = ruleCatalog().filter((rule) => !readme.includes(`\`${rule.code}\``));
    expect(missing.map((r) => r.code)).toEqual([]);
  });

  it("says what each rule checks in the rule's own summary words", () => {
    // Markdown code spans and placeholders (`docker.io/<ns>/<repo>` vs docker.io/ns/repo) aside.
    const plain = (text: string) => text.replace(/[`<>]/g, "").replace(/\\\|/g, "|");
    const readme = plain(readFileSync(new URL("../../README.md", import.meta.url), "utf8"));
    const stale = ruleCatalog().filter((rule) => !readme.includes(plain(rule.summary)));
    expect(stale.map((r) => r.code)).toEqual([]);
  });
});
