import { describe, expect, it } from "vitest";
import { JobScheduleSpec, type JobScheduleSpecInput } from "../job-schedule-spec";
import { applyFix } from "./apply-fix";
import { validateJobSchedule, validateJobScheduleDraft } from "./validate-job-schedule";

const spec = (over: Partial<JobScheduleSpecInput> = {}) =>
  JobScheduleSpec.parse({ id: "nightly", jobSpecification: { poolId: "p" }, ...over });
const at = (s: JobScheduleSpec) => validateJobSchedule(s).map((i) => [i.code, i.path.join("."), i.level]);

describe("validateJobSchedule", () => {
  it("passes a plain recurring schedule", () => {
    expect(
      validateJobSchedule(spec({ schedule: { recurrenceInterval: "PT1M", startWindow: "PT1M" } })),
    ).toEqual([]);
  });

  it("refuses a recurrence interval or start window under a minute, and one that is not a duration", () => {
    expect(at(spec({ schedule: { recurrenceInterval: "PT59S", startWindow: "soon" } }))).toEqual([
      ["schedule.recurrenceIntervalMinimum", "schedule.recurrenceInterval", "error"],
      ["schedule.startWindowMinimum", "schedule.startWindow", "error"],
    ]);
    const [interval, window] = validateJobSchedule(
      spec({ schedule: { recurrenceInterval: "PT30S", startWindow: "soon" } }),
    );
    expect(interval?.message).toContain("at least 1 minute");
    expect(window?.message).toContain("not an ISO-8601 duration");
  });

  it("refuses a doNotRunAfter that is not after doNotRunUntil, whatever the offsets", () => {
    expect(
      at(
        spec({
          schedule: { doNotRunUntil: "2026-12-24T18:00:00+01:00", doNotRunAfter: "2026-12-24T17:00:00Z" },
        }),
      ),
    ).toEqual([["schedule.doNotRunAfterAfterUntil", "schedule.doNotRunAfter", "error"]]);
    expect(
      at(
        spec({
          schedule: { doNotRunUntil: "2026-12-24T18:00:00+01:00", doNotRunAfter: "2026-12-24T17:00:01Z" },
        }),
      ),
    ).toEqual([]);
  });

  it("checks the job specification as a job, with paths and fixes under jobSpecification", () => {
    const s = spec({ jobSpecification: { poolId: "p", jobReleaseTask: { commandLine: "/bin/true" } } });
    const [issue] = validateJobSchedule(s);
    expect(issue?.code).toBe("jobRelease.needsPreparation");
    expect(issue?.path).toEqual(["jobSpecification", "jobReleaseTask"]);
    expect(issue?.fix && validateJobSchedule(applyFix(s, issue.fix))).toEqual([]);
  });

  it("passes the job's pool facts to the job rules", () => {
    const s = spec({ jobSpecification: { poolId: "p", jobManagerTask: { id: "m", commandLine: "run" } } });
    const pool = { poolId: "p", isContainerPool: true, prefetchImages: [], registryServers: [] };
    expect(validateJobSchedule(s, { pool }).map((i) => i.path.join("."))).toEqual([
      "jobSpecification.jobManagerTask.containerSettings",
    ]);
  });
});

describe("validateJobScheduleDraft", () => {
  it("judges the timing of a draft whose job is not filled in yet, and the whole once it parses", () => {
    const draft = { id: "s", schedule: { recurrenceInterval: "daily" }, jobSpecification: { poolId: "" } };
    const issues = validateJobScheduleDraft(draft);
    expect(issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["jobSpecification.poolId", "schedule.recurrenceInterval"]));
    const whole = validateJobScheduleDraft({ ...draft, schedule: { recurrenceInterval: "PT1H" }, jobSpecification: { poolId: "p1" } });
    expect(whole).toEqual([]);
  });
});
