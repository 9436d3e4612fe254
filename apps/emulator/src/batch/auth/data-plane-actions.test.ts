import { describe, expect, it } from "vitest";
import { BATCH_OPERATIONS } from "../http/batch-operations";
import { DATA_PLANE_PERMISSIONS, permissionsFor } from "./data-plane-actions";

describe("the permission each Batch operation needs", () => {
  it("names one for every operation of the data plane, and only for those", () => {
    const ids = BATCH_OPERATIONS.map(([id]) => id).sort();
    expect(Object.keys(DATA_PLANE_PERMISSIONS).sort()).toEqual(ids);
  });

  it("checks jobs and job schedules as data actions, pools and applications as actions", () => {
    expect(permissionsFor("Task_Add", {})).toEqual([
      { action: "Microsoft.Batch/batchAccounts/jobs/write", kind: "dataAction" },
    ]);
    expect(permissionsFor("JobSchedule_Delete", {})).toEqual([
      { action: "Microsoft.Batch/batchAccounts/jobSchedules/delete", kind: "dataAction" },
    ]);
    expect(permissionsFor("Pool_RemoveNodes", {})).toEqual([
      { action: "Microsoft.Batch/batchAccounts/pools/write", kind: "action" },
    ]);
    expect(permissionsFor("Application_List", {})).toEqual([
      { action: "Microsoft.Batch/batchAccounts/applications/read", kind: "action" },
    ]);
  });

  it("adds pools/write to a job or schedule that asks for an auto pool", () => {
    const auto = { autoPoolSpecification: { poolLifetimeOption: "job" } };
    expect(permissionsFor("Job_Add", { poolInfo: auto }).map((p) => p.action)).toEqual([
      "Microsoft.Batch/batchAccounts/jobs/write",
      "Microsoft.Batch/batchAccounts/pools/write",
    ]);
    expect(permissionsFor("JobSchedule_Add", { jobSpecification: { poolInfo: auto } })).toHaveLength(2);
    expect(permissionsFor("Job_Add", { poolInfo: { poolId: "p" } })).toHaveLength(1);
    expect(permissionsFor("Nope_Nothing", {})).toEqual([]);
  });
});
