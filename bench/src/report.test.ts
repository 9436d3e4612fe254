import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { replaceSection, writeReportSection } from "./report";

describe("replaceSection", () => {
  it("appends a new section after a header when the document is empty", () => {
    const doc = replaceSection("", "validate-pool", "## Validate\n\n1 ms");
    expect(doc).toMatch(/^# Performance\n/);
    expect(doc).toContain(
      "<!-- bench:validate-pool -->\n## Validate\n\n1 ms\n<!-- /bench:validate-pool -->\n",
    );
  });
  it("replaces only its own section", () => {
    let doc = replaceSection("", "a", "first A");
    doc = replaceSection(doc, "b", "first B");
    doc = replaceSection(doc, "a", "second A");
    expect(doc).toContain("second A");
    expect(doc).not.toContain("first A");
    expect(doc).toContain("first B");
    expect(doc.indexOf("second A")).toBeLessThan(doc.indexOf("first B"));
  });
  it("keeps hand-written text around sections and refuses odd names", () => {
    const doc = replaceSection(
      "# Perf\n\nIntro.\n\n<!-- bench:a -->\nold\n<!-- /bench:a -->\n\nOutro.\n",
      "a",
      "new",
    );
    expect(doc).toBe("# Perf\n\nIntro.\n\n<!-- bench:a -->\nnew\n<!-- /bench:a -->\n\nOutro.\n");
    expect(() => replaceSection("", "A B", "x")).toThrow(/kebab-case/);
  });
});

describe("writeReportSection", () => {
  let dir = "";
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  it("creates the file and its folder, then updates in place", () => {
    dir = mkdtempSync(join(tmpdir(), "bench-report-"));
    const file = join(dir, "docs", "PERFORMANCE.md");
    writeReportSection("x", "first-run", file);
    writeReportSection("x", "second-run", file);
    const text = readFileSync(file, "utf8");
    expect(text).toContain("<!-- bench:x -->\nsecond-run\n<!-- /bench:x -->");
    expect(text).not.toContain("first-run");
  });
});
