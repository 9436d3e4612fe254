import { describe, expect, it } from "vitest";
import { CommandLineError, splitCommandLine } from "./command-line";

describe("splitCommandLine", () => {
  it("splits the Learn example's container command the way Batch does, without expanding variables", () => {
    expect(
      splitCommandLine(`/bin/sh -c "echo 'hello world' > $AZ_BATCH_TASK_WORKING_DIR/output.txt"`),
    ).toEqual(["/bin/sh", "-c", "echo 'hello world' > $AZ_BATCH_TASK_WORKING_DIR/output.txt"]);
  });

  it("handles single quotes, escapes, adjacent quoted parts and runs of blanks", () => {
    expect(splitCommandLine(`  /bin/sh  -c 'echo hi'\t a\\ b "x\\"y"'z' ''`)).toEqual([
      "/bin/sh",
      "-c",
      "echo hi",
      "a b",
      'x"yz',
      "",
    ]);
  });

  it("keeps backslashes that escape nothing special inside double quotes", () => {
    expect(splitCommandLine(`echo "a\\nb"`)).toEqual(["echo", "a\\nb"]);
  });

  it("returns no words for an empty command line (the image ENTRYPOINT case)", () => {
    expect(splitCommandLine("")).toEqual([]);
    expect(splitCommandLine("   ")).toEqual([]);
  });

  it("refuses an unterminated quote", () => {
    expect(() => splitCommandLine(`echo "oops`)).toThrow(CommandLineError);
  });
});
