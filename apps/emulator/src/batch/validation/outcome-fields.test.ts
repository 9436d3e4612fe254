import { describe, expect, it } from "vitest";
import { BatchError } from "../http/batch-error";
import type { JobWire } from "../model/types";
import { dependsOnFrom, exitConditionsFrom, MAX_DEPENDENCY_ID_CHARS } from "./outcome-fields";

const job = (extra: Partial<JobWire> = {}) =>
  ({
    id: "j",
    onTaskFailure: "performexitoptionsjobaction",
    usesTaskDependencies: true,
    ...extra,
  }) as JobWire;

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof BatchError)
      return {
        status: e.status,
        code: e.code,
        property: e.values.find((v) => v.key === "PropertyName")?.value,
      };
    throw e;
  }
  throw new Error("accepted");
};

describe("exitConditionsFrom", () => {
  it("keeps what Batch accepts, in Batch's shape", () => {
    expect(
      exitConditionsFrom(
        {
          exitConditions: {
            exitCodes: [{ code: 1, exitOptions: { jobAction: "Terminate", dependencyAction: "block" } }],
            exitCodeRanges: [{ start: 2, end: 4, exitOptions: { dependencyAction: "satisfy" } }],
            default: { jobAction: "none" },
          },
        },
        job(),
      ),
    ).toEqual({
      exitCodes: [{ code: 1, exitOptions: { jobAction: "terminate", dependencyAction: "block" } }],
      exitCodeRanges: [{ start: 2, end: 4, exitOptions: { dependencyAction: "satisfy" } }],
      default: { jobAction: "none" },
    });
  });

  it("refuses a missing exitOptions, a reversed range, an unknown action and a jobAction under noaction", () => {
    expect(
      refusal(() => exitConditionsFrom({ exitConditions: { exitCodes: [{ code: 1 }] } }, job())),
    ).toMatchObject({ status: 400, code: "MissingRequiredProperty" });
    expect(
      refusal(() =>
        exitConditionsFrom(
          { exitConditions: { exitCodeRanges: [{ start: 5, end: 1, exitOptions: {} }] } },
          job(),
        ),
      ),
    ).toMatchObject({ status: 400, code: "InvalidPropertyValue", property: "end" });
    expect(
      refusal(() =>
        exitConditionsFrom({ exitConditions: { default: { dependencyAction: "cancel" } } }, job()),
      ),
    ).toMatchObject({ code: "InvalidPropertyValue", property: "dependencyAction" });
    expect(
      refusal(() =>
        exitConditionsFrom(
          { exitConditions: { default: { jobAction: "none" } } },
          job({ onTaskFailure: "noaction" }),
        ),
      ),
    ).toMatchObject({ code: "InvalidPropertyValue", property: "jobAction" });
  });
});

describe("dependsOnFrom", () => {
  it("needs usesTaskDependencies and bounds the id list", () => {
    expect(
      refusal(() => dependsOnFrom({ dependsOn: { taskIds: ["a"] } }, job({ usesTaskDependencies: false }))),
    ).toMatchObject({ status: 400, code: "TaskDependenciesNotSpecifiedOnJob" });
    const ids = Array.from({ length: MAX_DEPENDENCY_ID_CHARS / 64 + 1 }, (_, i) =>
      String(i).padStart(64, "x"),
    );
    expect(refusal(() => dependsOnFrom({ dependsOn: { taskIds: ids } }, job()))).toMatchObject({
      status: 400,
      code: "TaskDependencyListTooLong",
    });
    expect(refusal(() => dependsOnFrom({ dependsOn: { taskIds: [""] } }, job()))).toMatchObject({
      code: "InvalidPropertyValue",
    });
    expect(
      dependsOnFrom({ dependsOn: { taskIds: ["a"], taskIdRanges: [{ start: 1, end: 9 }] } }, job()),
    ).toEqual({
      taskIds: ["a"],
      taskIdRanges: [{ start: 1, end: 9 }],
    });
  });
});
