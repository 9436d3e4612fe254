import { describe, expect, it } from "vitest";
import type { ExitConditionsWire } from "../model/types";
import { endingOf, exitOptionsFor } from "./exit-options";

const conditions: ExitConditionsWire = {
  exitCodes: [
    { code: 0, exitOptions: { dependencyAction: "block" } },
    { code: 3, exitOptions: { jobAction: "none", dependencyAction: "satisfy" } },
  ],
  exitCodeRanges: [{ start: 10, end: 20, exitOptions: { jobAction: "disable" } }],
  preProcessingError: { jobAction: "none" },
  fileUploadError: { dependencyAction: "satisfy" },
  default: { jobAction: "terminate", dependencyAction: "satisfy" },
};

describe("exitOptionsFor", () => {
  it("uses Batch's defaults without exit conditions", () => {
    expect(exitOptionsFor(undefined, { kind: "exit", exitCode: 0 })).toEqual({
      jobAction: "none",
      dependencyAction: "satisfy",
    });
    for (const ending of [{ kind: "exit", exitCode: 1 }, { kind: "preProcessingError" }] as const)
      expect(exitOptionsFor(undefined, ending)).toEqual({
        jobAction: "terminate",
        dependencyAction: "block",
      });
  });

  it("matches listed codes, then ranges, then default (never for exit code 0)", () => {
    expect(exitOptionsFor(conditions, { kind: "exit", exitCode: 0 })).toEqual({
      jobAction: "none",
      dependencyAction: "block",
    });
    expect(exitOptionsFor(conditions, { kind: "exit", exitCode: 3 })).toEqual({
      jobAction: "none",
      dependencyAction: "satisfy",
    });
    // A range entry without a dependencyAction takes the default for a non-zero code: block.
    expect(exitOptionsFor(conditions, { kind: "exit", exitCode: 15 })).toEqual({
      jobAction: "disable",
      dependencyAction: "block",
    });
    expect(exitOptionsFor(conditions, { kind: "exit", exitCode: 99 })).toEqual({
      jobAction: "terminate",
      dependencyAction: "satisfy",
    });
    expect(exitOptionsFor({ default: { jobAction: "disable" } }, { kind: "exit", exitCode: 0 })).toEqual({
      jobAction: "none",
      dependencyAction: "satisfy",
    });
  });

  it("uses preProcessingError and fileUploadError, falling back to default", () => {
    expect(exitOptionsFor(conditions, { kind: "preProcessingError" })).toEqual({
      jobAction: "none",
      dependencyAction: "block",
    });
    expect(exitOptionsFor(conditions, { kind: "fileUploadError" })).toEqual({
      jobAction: "terminate",
      dependencyAction: "satisfy",
    });
    expect(
      exitOptionsFor({ default: { jobAction: "disable" } }, { kind: "preProcessingError" }),
    ).toMatchObject({
      jobAction: "disable",
    });
  });

  it("lets a listed exit code win over a later file upload error", () => {
    expect(exitOptionsFor(conditions, { kind: "fileUploadError", exitCode: 3 })).toEqual({
      jobAction: "none",
      dependencyAction: "satisfy",
    });
  });
});

describe("endingOf", () => {
  it("tells exits, pre-processing errors and upload errors apart", () => {
    expect(endingOf(2, undefined)).toEqual({ kind: "exit", exitCode: 2 });
    expect(
      endingOf(undefined, { category: "usererror", code: "CommandProgramNotFound", message: "" }),
    ).toEqual({
      kind: "preProcessingError",
    });
    expect(endingOf(0, { category: "usererror", code: "FileUploadMiscError", message: "" })).toEqual({
      kind: "fileUploadError",
      exitCode: 0,
    });
  });
});
