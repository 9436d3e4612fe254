import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JobScheduleSpec } from "../job-schedule-spec";
import { jobScheduleSpecArb } from "../testing/arbitraries";
import type { CloudJobSchedule } from "./batch-models";
import { fromCloudJobSchedule, toJobScheduleAddParameter } from "./job-schedule";

/** Batch never returns registry passwords: they come back blank. */
const blankPasswords = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === "password" ? "" : v)));

describe("toJobScheduleAddParameter", () => {
  it("sends the schedule's times as dates and the job fields as Job_Add does", () => {
    const spec = JobScheduleSpec.parse({
      id: "nightly",
      schedule: { doNotRunUntil: "2026-12-24T18:00:00Z", recurrenceInterval: "P1D", startWindow: "PT1H" },
      jobSpecification: { poolId: "p", env: [{ name: "A", value: "1" }] },
    });
    expect(toJobScheduleAddParameter(spec)).toEqual({
      id: "nightly",
      schedule: {
        doNotRunUntil: new Date("2026-12-24T18:00:00Z"),
        recurrenceInterval: "P1D",
        startWindow: "PT1H",
      },
      jobSpecification: {
        poolInfo: { poolId: "p" },
        priority: 0,
        maxParallelTasks: -1,
        onAllTasksComplete: "noaction",
        commonEnvironmentSettings: [{ name: "A", value: "1" }],
      },
    });
  });

  it("round-trips through a CloudJobSchedule modulo passwords, from the SDK's Dates or the wire's strings", () => {
    fc.assert(
      fc.property(jobScheduleSpecArb, fc.boolean(), (input, asWire) => {
        const spec = blankPasswords(JobScheduleSpec.parse(input));
        const body = toJobScheduleAddParameter(spec);
        const cloud: CloudJobSchedule = asWire ? JSON.parse(JSON.stringify(body)) : structuredClone(body);
        expect(fromCloudJobSchedule(cloud)).toEqual(spec);
      }),
      { numRuns: 200 },
    );
  });

  it("answers undefined for a schedule without id or job specification", () => {
    expect(fromCloudJobSchedule({ id: "s" })).toBeUndefined();
    expect(fromCloudJobSchedule({})).toBeUndefined();
  });
});

describe("a job's constraints from Batch", () => {
  it("leaves out Batch's defaults (unlimited time as TimeSpan.MaxValue, 0 retries) and keeps what was set", () => {
    const job = (constraints: object) => fromCloudJobSchedule({ id: "s", schedule: {}, jobSpecification: { poolInfo: { poolId: "p" }, constraints } })?.jobSpecification.constraints;
    expect(job({ maxWallClockTime: "P10675199DT2H48M5.4775807S", maxTaskRetryCount: 0 })).toBeUndefined();
    expect(job({ maxWallClockTime: "P1D", maxTaskRetryCount: 0 })).toEqual({ maxWallClockTime: "P1D" });
    expect(job({ maxTaskRetryCount: 2 })).toEqual({ maxTaskRetryCount: 2 });
  });
});
