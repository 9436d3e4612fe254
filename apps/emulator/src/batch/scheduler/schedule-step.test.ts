import { describe, expect, it } from "vitest";
import { scheduleStep } from "./schedule-step";

// One schedule minute lasts 1000 ms here, so PT1M = 1000 and PT2M = 2000.
const MIN = 1000;
const T0 = Date.parse("2026-01-01T00:00:00Z");
const at = (ms: number) => new Date(T0 + ms).toISOString();

describe("scheduleStep", () => {
  it("creates a one-off schedule's job when due, then completes it once that job is done", () => {
    expect(scheduleStep({}, T0 + 500, T0, MIN)).toEqual({
      createJob: false,
      nextRunTime: T0 + 500,
      complete: false,
    });
    expect(scheduleStep({}, T0, T0 + 10, MIN)).toEqual({
      createJob: true,
      nextRunTime: undefined,
      complete: false,
    });
    expect(scheduleStep({}, undefined, T0 + 20, MIN)).toEqual({
      createJob: false,
      nextRunTime: undefined,
      complete: true,
    });
  });

  it("keeps a recurrence on its grid: a late job does not shift the next start", () => {
    const recurring = { recurrenceInterval: "PT1M" };
    expect(scheduleStep(recurring, T0, T0 + 300, MIN)).toMatchObject({
      createJob: true,
      nextRunTime: T0 + 1000,
    });
    // The previous job overran two recurrences: one job now, the next on the grid after now.
    expect(scheduleStep(recurring, T0 + 1000, T0 + 3500, MIN)).toMatchObject({
      createJob: true,
      nextRunTime: T0 + 4000,
    });
  });

  it("loses a chance whose start window has passed", () => {
    const windowed = { recurrenceInterval: "PT2M", startWindow: "PT1M" };
    // Due at 0, window until 1000; at 1500 that chance is gone and the next one is at 2000.
    expect(scheduleStep(windowed, T0, T0 + 1500, MIN)).toEqual({
      createJob: false,
      nextRunTime: T0 + 2000,
      complete: false,
    });
    // Within the window of the recurrence at 4000.
    expect(scheduleStep(windowed, T0, T0 + 4500, MIN)).toMatchObject({
      createJob: true,
      nextRunTime: T0 + 6000,
    });
    // A one-off schedule whose only chance was lost ends.
    expect(scheduleStep({ startWindow: "PT1M" }, T0, T0 + 1500, MIN)).toMatchObject({
      createJob: false,
      complete: true,
    });
  });

  it("creates nothing after doNotRunAfter and completes once it has passed", () => {
    const bounded = { recurrenceInterval: "PT1M", doNotRunAfter: at(1500) };
    expect(scheduleStep(bounded, T0 + 1000, T0 + 1100, MIN)).toEqual({
      createJob: true,
      nextRunTime: undefined,
      complete: false,
    });
    expect(scheduleStep(bounded, undefined, T0 + 1200, MIN).complete).toBe(false);
    expect(scheduleStep(bounded, undefined, T0 + 1600, MIN).complete).toBe(true);
    // doNotRunUntil after doNotRunAfter: never runs.
    expect(scheduleStep(bounded, T0 + 2000, T0 + 1600, MIN)).toEqual({
      createJob: false,
      nextRunTime: undefined,
      complete: true,
    });
  });
});
