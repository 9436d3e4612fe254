/** Small helpers for writing readable source code in other languages. */

/** A Python string literal in single quotes, as the Microsoft Learn Batch samples write them. */
export const pyString = (value: string): string =>
  `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t")}'`;

/** A C# regular string literal. */
export const csString = (value: string): string =>
  `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t")}"`;

/** "name=value" argument lines, indented, joined with commas; the last closes with `close`. */
export const argumentLines = (
  args: [string, string][],
  indent: string,
  separator: string,
  close: string,
): string =>
  args
    .map(([name, value], i) => `${indent}${name}${separator}${value}${i === args.length - 1 ? close : ","}`)
    .join("\n");

/** Python identifiers and C# variables derived from a duration, e.g. PT15M -> minutes=15. */
export const durationParts = (ms: number): { unit: "hours" | "minutes" | "seconds"; amount: number } =>
  ms % 3_600_000 === 0
    ? { unit: "hours", amount: ms / 3_600_000 }
    : ms % 60_000 === 0
      ? { unit: "minutes", amount: ms / 60_000 }
      : { unit: "seconds", amount: ms / 1000 };
