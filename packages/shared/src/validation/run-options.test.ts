import { describe, expect, it } from "vitest";
import { parseRunOptions, splitShellWords } from "./run-options";

describe("splitShellWords", () => {
  it("handles quotes and escapes", () => {
    expect(splitShellWords(`--label "a b" --env 'X=1 2' c\\ d ""`)).toEqual({
      words: ["--label", "a b", "--env", "X=1 2", "c d", ""],
    });
    expect(splitShellWords(`"open`).error).toMatch(/unbalanced/);
  });
});

describe("parseRunOptions", () => {
  it("reads values, flags and the workdir", () => {
    const parsed = parseRunOptions("--rm --workdir /app -e A=1 --memory=2g");
    expect(parsed.options).toEqual([
      { name: "--rm" },
      { name: "--workdir", value: "/app" },
      { name: "-e", value: "A=1" },
      { name: "--memory", value: "2g" },
    ]);
    expect(parsed.workdir).toBe("/app");
    expect(parsed.unknown).toEqual([]);
    expect(parseRunOptions("-w=/x").workdir).toBe("/x");
    expect(parseRunOptions("").options).toEqual([]);
  });
});
