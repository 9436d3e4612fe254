import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * docs/PERFORMANCE.md is shared by every benchmark: each owns one section between
 * `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` and replaces only that.
 */
export const PERFORMANCE_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "docs",
  "PERFORMANCE.md",
);

const HEADER =
  "# Performance\n\nNumbers written by the benchmarks in `bench/` (one command each; see bench/package.json). Each section is replaced when its benchmark runs again.\n";

const markers = (name: string) => {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`benchmark section name must be kebab-case, got "${name}"`);
  return { open: `<!-- bench:${name} -->`, close: `<!-- /bench:${name} -->` };
};

/** The document with section `name` set to `body`: replaced in place, or appended when new. */
export const replaceSection = (doc: string, name: string, body: string): string => {
  const { open, close } = markers(name);
  const section = `${open}\n${body.trim()}\n${close}`;
  const start = doc.indexOf(open);
  const end = doc.indexOf(close);
  if (start >= 0 && end > start) return doc.slice(0, start) + section + doc.slice(end + close.length);
  const base = doc.trim() === "" ? HEADER : doc;
  return `${base.replace(/\n*$/, "\n")}\n${section}\n`;
};

/** Writes section `name` of docs/PERFORMANCE.md (or `file`), creating the file when missing. */
export const writeReportSection = (name: string, body: string, file: string = PERFORMANCE_FILE): void => {
  const doc = existsSync(file) ? readFileSync(file, "utf8") : "";
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, replaceSection(doc, name, body));
};
