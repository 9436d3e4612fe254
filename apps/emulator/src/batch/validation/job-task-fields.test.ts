import { describe, expect, it } from "vitest";
import { BatchError } from "../http/batch-error";
import type { PoolWire } from "../model/types";
import { jobTasksFrom } from "./job-task-fields";

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof BatchError)
      return {
        status: e.status,
        code: e.code,
        property: e.values.find((v) => v.key === "PropertyName")?.value,
        reason: e.values.find((v) => v.key === "Reason")?.value,
      };
    throw e;
  }
  throw new Error("accepted");
};

const pool = (container: boolean) =>
  ({
    id: "p",
    taskSlotsPerNode: 2,
    virtualMachineConfiguration: {
      imageReference: {},
      nodeAgentSKUId: "batch.node.ubuntu 22.04",
      ...(container ? { containerConfiguration: { type: "dockerCompatible" } } : {}),
    },
  }) as PoolWire;

const job = { constraints: { maxTaskRetryCount: 2 } };
const image = { imageName: "busybox" };

describe("jobTasksFrom", () => {
  it("applies Batch's defaults", () => {
    const t = jobTasksFrom(
      {
        jobManagerTask: { id: "jm", commandLine: "run" },
        jobPreparationTask: { commandLine: "prep" },
        jobReleaseTask: { commandLine: "rel" },
      },
      undefined,
      job,
    );
    expect(t.jobManagerTask).toMatchObject({
      id: "jm",
      killJobOnCompletion: true,
      runExclusive: true,
      allowLowPriorityNode: true,
      requiredSlots: 1,
      constraints: { retentionTime: "P7D", maxTaskRetryCount: 2 },
    });
    expect(t.jobPreparationTask).toMatchObject({
      id: "jobpreparation",
      waitForSuccess: true,
      rerunOnNodeRebootAfterSuccess: true,
      constraints: { maxTaskRetryCount: 0 },
    });
    expect(t.jobReleaseTask).toMatchObject({
      id: "jobrelease",
      maxWallClockTime: "PT15M",
      retentionTime: "P7D",
    });
    expect(jobTasksFrom({}, undefined, job)).toEqual({});
  });

  it("needs a preparation task for a release task, and at most 15 minutes for it", () => {
    expect(
      refusal(() => jobTasksFrom({ jobReleaseTask: { commandLine: "x" } }, undefined, job)),
    ).toMatchObject({
      status: 400,
      code: "InvalidPropertyValue",
      property: "jobReleaseTask",
    });
    const long = {
      jobPreparationTask: { commandLine: "p" },
      jobReleaseTask: { commandLine: "r", maxWallClockTime: "PT15M1S" },
    };
    expect(refusal(() => jobTasksFrom(long, undefined, job))).toMatchObject({ property: "maxWallClockTime" });
  });

  it("refuses one id for two of them, and a job manager without an id", () => {
    const same = {
      jobManagerTask: { id: "Setup", commandLine: "m" },
      jobPreparationTask: { id: "setup", commandLine: "p" },
    };
    expect(refusal(() => jobTasksFrom(same, undefined, job))).toMatchObject({ code: "InvalidPropertyValue" });
    expect(
      refusal(() => jobTasksFrom({ jobManagerTask: { commandLine: "m" } }, undefined, job)),
    ).toMatchObject({
      code: "MissingRequiredProperty",
    });
  });

  it("wants the job manager in a container exactly on a container pool; preparation and release may run on its host", () => {
    const jm = (containerSettings?: object) => ({
      jobManagerTask: { id: "jm", commandLine: "m", containerSettings },
    });
    expect(refusal(() => jobTasksFrom(jm(), pool(true), job))).toMatchObject({
      property: "containerSettings",
    });
    expect(refusal(() => jobTasksFrom(jm(image), pool(false), job))).toMatchObject({
      property: "containerSettings",
    });
    expect(jobTasksFrom(jm(image), pool(true), job).jobManagerTask?.containerSettings?.imageName).toBe(
      "busybox",
    );
    const host = { jobPreparationTask: { commandLine: "p" }, jobReleaseTask: { commandLine: "r" } };
    expect(jobTasksFrom(host, pool(true), job).jobPreparationTask?.containerSettings).toBeUndefined();
    const inContainer = {
      jobPreparationTask: { commandLine: "p", containerSettings: image },
      jobReleaseTask: { commandLine: "r" },
    };
    expect(refusal(() => jobTasksFrom(inContainer, pool(false), job))).toMatchObject({
      property: "containerSettings",
    });
    expect(
      refusal(() =>
        jobTasksFrom({ jobManagerTask: { id: "jm", commandLine: "m", requiredSlots: 3 } }, pool(false), job),
      ),
    ).toMatchObject({ property: "requiredSlots" });
  });
});
