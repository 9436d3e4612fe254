import { describe, expect, it } from "vitest";
import { jobActionAvailability } from "./jobActions";

describe("job actions", () => {
  it("disables only an active job and enables only a disabled one, saying why not", () => {
    expect(jobActionAvailability("disable", "active")).toEqual({ ok: true });
    expect(jobActionAvailability("disable", "disabled")).toEqual({
      ok: false,
      reason: "Batch disables only an active job; this one is disabled.",
    });
    expect(jobActionAvailability("enable", "disabled")).toEqual({ ok: true });
    expect(jobActionAvailability("enable", "active")).toMatchObject({ ok: false });
  });

  it("terminates an open job only, and deletes any job not already being deleted", () => {
    expect(jobActionAvailability("terminate", "disabled")).toEqual({ ok: true });
    expect(jobActionAvailability("terminate", "completed")).toEqual({
      ok: false,
      reason: "The job is completed.",
    });
    expect(jobActionAvailability("delete", "completed")).toEqual({ ok: true });
    expect(jobActionAvailability("delete", "deleting")).toMatchObject({ ok: false });
  });
});
