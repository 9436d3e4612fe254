import { describe, expect, it } from "vitest";
import type { ValidationIssue } from "@batch-studio/shared";
import { applyPatch, describeSummary, emptyPoolSpec, firstBlockingStep, getIn, setIn, stepOfIssue, summarizeSteps } from "./steps";

const issue = (path: ValidationIssue["path"], level: ValidationIssue["level"]): ValidationIssue => ({ path, level, code: "c", message: "m" });

describe("wizard steps", () => {
  it("assigns each issue to the step that owns its path", () => {
    expect(stepOfIssue(issue(["id"], "error"))).toBe("basics");
    expect(stepOfIssue(issue(["container", "registries", 0, "server"], "error"))).toBe("containers");
    expect(stepOfIssue(issue(["scale", "resizeTimeout"], "warning"))).toBe("size");
    expect(stepOfIssue(issue(["nodeAgentSkuId"], "error"))).toBe("image");
    expect(stepOfIssue(issue(["applicationPackages", 0, "version"], "error"))).toBe("startTask");
    expect(stepOfIssue(issue([], "warning"))).toBe("review");
  });

  it("summarizes errors and warnings per step", () => {
    const s = summarizeSteps([issue(["id"], "error"), issue(["id"], "warning"), issue(["vmSize"], "warning"), issue(["vmSize"], "info")]);
    expect(s.basics).toEqual({ errors: 1, warnings: 1, infos: 0 });
    expect(s.size).toEqual({ errors: 0, warnings: 1, infos: 1 });
    expect(describeSummary(s.basics)).toBe("1 error, 1 warning");
    expect(describeSummary(s.image)).toBe("");
  });

  it("blocks on errors up to the current step, never on warnings", () => {
    const issues = [issue(["vmSize"], "error"), issue(["id"], "warning")];
    expect(firstBlockingStep(issues, "basics")).toBeUndefined();
    expect(firstBlockingStep(issues, "image")).toBeUndefined();
    expect(firstBlockingStep(issues, "size")).toBe("size");
    expect(firstBlockingStep(issues, "review")).toBe("size");
  });

  it("applies a fix patch immutably, creating missing containers", () => {
    const spec = emptyPoolSpec();
    const fixed = applyPatch(spec, [
      { path: ["scale", "resizeTimeout"], value: "PT30M" },
      { path: ["container", "registries", 0, "server"], value: "myacr.azurecr.io" },
    ]);
    expect(getIn(fixed, ["scale", "resizeTimeout"])).toBe("PT30M");
    expect(getIn(fixed, ["container", "registries", 0, "server"])).toBe("myacr.azurecr.io");
    expect(spec.scale?.resizeTimeout).toBe("PT15M");
    expect(setIn({ a: { b: 1 } }, ["a", "c"], 2)).toEqual({ a: { b: 1, c: 2 } });
    expect(setIn({ a: 1, b: 2 }, ["b"], undefined)).toEqual({ a: 1 });
  });
});
