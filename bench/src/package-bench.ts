/**
 * Runs one package benchmark (see package-benches.ts) and writes its result to docs/PERFORMANCE.md.
 * Usage: tsx src/package-bench.ts <name>   (or `pnpm --filter @batch-studio/bench bench:<name>`)
 */
import { spawnSync } from "node:child_process";
import { cpus } from "node:os";
import { PACKAGE_BENCHES } from "./package-benches";
import { lastJsonLine, renderResult } from "./package-result";
import { writeReportSection } from "./report";

const name = process.argv[2];
const bench = PACKAGE_BENCHES.find((b) => b.name === name);
if (bench === undefined) {
  console.error(`usage: package-bench.ts <${PACKAGE_BENCHES.map((b) => b.name).join("|")}>`);
  process.exit(2);
}

const run = spawnSync("pnpm", ["--filter", bench.pkg, "exec", "tsx", bench.file], {
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
  maxBuffer: 64 * 1024 * 1024,
});
process.stdout.write(run.stdout ?? "");
const result = lastJsonLine(run.stdout ?? "");
if (run.status !== 0 || result === undefined) {
  console.error(`${bench.name}: the benchmark failed (exit ${run.status}) or printed no JSON result; nothing written.`);
  process.exit(1);
}
const machine = `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? "CPU"}`;
writeReportSection(bench.name, renderResult(bench, result, { date: new Date().toISOString().slice(0, 10), machine }));
console.log(`wrote section "${bench.name}" of docs/PERFORMANCE.md`);
