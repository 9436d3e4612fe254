import { describe, expect, it } from "vitest";
import { actionMatches, grants } from "./action-match";

describe("actionMatches", () => {
  it.each([
    ["*", "Microsoft.Batch/batchAccounts/pools/write", true],
    ["*/read", "Microsoft.Batch/batchAccounts/read", true],
    ["*/read", "Microsoft.Storage/storageAccounts/listKeys/action", false],
    ["*/read", "Microsoft.Batch/batchAccounts/write", false],
    ["Microsoft.Batch/*", "microsoft.batch/batchaccounts/pools/delete", true],
    ["Microsoft.Batch/*", "Microsoft.BatchAI/workspaces/read", false],
    ["Microsoft.Batch/batchAccounts/*/read", "Microsoft.Batch/batchAccounts/pools/read", true],
    ["Microsoft.Batch/batchAccounts/*/read", "Microsoft.Batch/batchAccounts/read", false],
    ["Microsoft.Authorization/*/Write", "Microsoft.Authorization/roleAssignments/write", true],
    ["Microsoft.Batch/batchAccounts/jobs/*", "Microsoft.Batch/batchAccounts/jobSchedules/write", false],
    // Dots are literal: "Microsoft.Batch" does not match "MicrosoftXBatch".
    ["Microsoft.Batch/batchAccounts/read", "MicrosoftXBatch/batchAccounts/read", false],
  ])("%s covers %s: %s", (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });

  it("subtracts notActions from actions", () => {
    const notActions = ["Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write"];
    expect(grants(["*"], notActions, "Microsoft.Compute/galleries/images/versions/write")).toBe(true);
    expect(grants(["*"], notActions, "Microsoft.Authorization/roleAssignments/write")).toBe(false);
    expect(grants(["*"], notActions, "Microsoft.Authorization/roleAssignments/read")).toBe(true);
    expect(grants([], [], "Microsoft.Batch/batchAccounts/read")).toBe(false);
  });
});
