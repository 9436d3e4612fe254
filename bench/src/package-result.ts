import type { PackageBench } from "./package-benches";

/** The last line of a benchmark's output that parses as a JSON object. */
export const lastJsonLine = (output: string): Record<string, unknown> | undefined => {
  const lines = output.split("\n").map((l) => l.trim()).reverse();
  for (const line of lines) {
    if (!line.startsWith("{")) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // a log line that merely starts with "{"; keep looking
    }
  }
  return undefined;
};

/** Nested results become dotted keys: {latency: {p50: 1}} → "latency.p50". */
export const flatten = (value: unknown, prefix = ""): [string, string][] => {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix === "" ? k : `${prefix}.${k}`));
  }
  const shown = typeof value === "number" ? String(Math.round(value * 100) / 100) : JSON.stringify(value);
  return [[prefix, shown]];
};

export const renderResult = (
  bench: PackageBench,
  result: Record<string, unknown>,
  at: { date: string; machine: string },
): string => {
  const rows = flatten(result).filter(([k]) => k !== "bench");
  return [
    `## ${bench.title}`,
    "",
    "| measure | value |",
    "|---|---|",
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    "",
    `Goal: ${bench.goal}. Measured ${at.date} on ${at.machine}.` +
      (bench.needs === undefined ? "" : ` Needs ${bench.needs}.`) +
      ` Command: \`pnpm --filter @batch-studio/bench bench:${bench.name}\`.`,
  ].join("\n");
};
