import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ruleCatalog } from "./index";

// Markdown code spans and placeholders (`docker.io/<ns>/<repo>` vs docker.io/ns/repo) aside.
const plain = (text: string) => text.replace(/[`<>]/g, "").replace(/\\\|/g, "|");
const plainReadme = plain(readFileSync(new URL("../../README.md", import.meta.url), "utf8"));

describe("README rule list", () => {
  it("lists every rule code", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const missing = ruleCatalog().filter((rule) => !readme.includes(`\`${rule.code}\``));
    expect(missing.map((r) => r.code)).toEqual([]);
  });

  it("says what each rule checks in the rule's own summary words", () => {
    const stale = ruleCatalog().filter((rule) => !plainReadme.includes(plain(rule.summary)));
    expect(stale.map((r) => r.code)).toEqual([]);
  });

  it("names each rule's source as the rule does", () => {
    const stale = ruleCatalog().filter((rule) => !plainReadme.includes(plain(rule.source)));
    expect(stale.map((r) => r.code)).toEqual([]);
  });

  it("cites public sources only, never a document outside the repository", () => {
    const outside = /Seed \(|reference \u00a7|\.\.\/shared|shared\/reference|seeds\//;
    expect(
      ruleCatalog()
        .filter((rule) => outside.test(rule.source))
        .map((r) => r.code),
    ).toEqual([]);
  });
});
