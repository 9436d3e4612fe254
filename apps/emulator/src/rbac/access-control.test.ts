import { describe, expect, it } from "vitest";
import { SEEDED_OPERATORS } from "../identity/operators";
import { DEFAULT_SEED } from "../seed";
import { AccessControl, scopeContains } from "./access-control";
import { seededRoleAssignments } from "./role-assignments";

const SUB = `/subscriptions/${DEFAULT_SEED.subscription.subscriptionId}`;
const RG = `${SUB}/resourceGroups/rg-batch-studio`;
const WEU = `${RG}/providers/Microsoft.Batch/batchAccounts/contosoweu`;
const EUS = `${RG}/providers/Microsoft.Batch/batchAccounts/contosoeus`;
const [ada, grace, alan] = SEEDED_OPERATORS.map((o) => o.oid) as [string, string, string];
const access = new AccessControl(seededRoleAssignments(DEFAULT_SEED));

describe("scopes", () => {
  it("contain themselves and what lies under them, by whole segments and ignoring case", () => {
    expect(scopeContains(SUB, WEU.toUpperCase())).toBe(true);
    expect(scopeContains(WEU, WEU + "/")).toBe(true);
    expect(scopeContains(WEU, `${WEU}/pools/p1`)).toBe(true);
    // contosoweu2 is another account, not a child of contosoweu.
    expect(scopeContains(WEU, `${WEU}2`)).toBe(false);
    expect(scopeContains(WEU, RG)).toBe(false);
  });
});

describe("the seeded role assignments", () => {
  it("let Ada manage everything, jobs included (Contributor plus Batch data)", () => {
    expect(access.isAllowed(ada, EUS, "Microsoft.Batch/batchAccounts/pools/write")).toBe(true);
    expect(access.isAllowed(ada, EUS, "Microsoft.Batch/batchAccounts/jobs/write", "dataAction")).toBe(true);
    expect(access.isAllowed(ada, SUB, "Microsoft.Authorization/roleAssignments/write")).toBe(false);
  });

  it("let Grace read everything and change nothing: Reader, with the job read dataActions Reader lacks", () => {
    expect(access.isAllowed(grace, WEU, "Microsoft.Batch/batchAccounts/read")).toBe(true);
    expect(access.isAllowed(grace, WEU, "Microsoft.Batch/batchAccounts/pools/read")).toBe(true);
    expect(access.isAllowed(grace, WEU, "Microsoft.Batch/batchAccounts/pools/write")).toBe(false);
    expect(access.isAllowed(grace, WEU, "Microsoft.Batch/batchAccounts/listKeys/action")).toBe(false);
    expect(access.isAllowed(grace, WEU, "Microsoft.Batch/batchAccounts/jobs/read", "dataAction")).toBe(true);
    expect(access.isAllowed(grace, WEU, "Microsoft.Batch/batchAccounts/jobSchedules/read", "dataAction")).toBe(true);
    expect(access.isAllowed(grace, WEU, "Microsoft.Batch/batchAccounts/jobs/write", "dataAction")).toBe(false);
  });

  it("let Alan submit jobs on contosoweu only, and read that account and its pools but change no pool", () => {
    expect(access.isAllowed(alan, WEU, "Microsoft.Batch/batchAccounts/jobs/write", "dataAction")).toBe(true);
    expect(
      access.isAllowed(alan, `${WEU}/jobs/j1`, "Microsoft.Batch/batchAccounts/jobs/delete", "dataAction"),
    ).toBe(true);
    expect(access.isAllowed(alan, EUS, "Microsoft.Batch/batchAccounts/jobs/write", "dataAction")).toBe(false);
    expect(access.isAllowed(alan, WEU, "Microsoft.Batch/batchAccounts/pools/read")).toBe(true);
    expect(access.isAllowed(alan, WEU, "Microsoft.Batch/batchAccounts/pools/write")).toBe(false);
    expect(access.isAllowed(alan, WEU, "Microsoft.Batch/batchAccounts/read")).toBe(true);
    expect(access.isAllowed(alan, EUS, "Microsoft.Batch/batchAccounts/read")).toBe(false);
    expect(access.isAllowed(alan, WEU, "Microsoft.Batch/batchAccounts/listKeys/action")).toBe(false);
    // An assignment below a scope does not grant at the scope.
    expect(access.isAllowed(alan, RG, "Microsoft.Resources/subscriptions/resourceGroups/read")).toBe(false);
    expect(access.hasAnyAssignmentTouching(alan, SUB)).toBe(true);
  });

  it("give a typed-in user nothing", () => {
    expect(access.assignmentsAt("9d2a3c4e-0000-5000-8000-000000000000", SUB)).toEqual([]);
    expect(
      access.isAllowed("9d2a3c4e-0000-5000-8000-000000000000", WEU, "Microsoft.Batch/batchAccounts/read"),
    ).toBe(false);
  });

  it("answer permissions per applying assignment", () => {
    expect(access.permissionsAt(ada, WEU).map((p) => [p.actions, p.dataActions])).toEqual([
      [["*"], []],
      [
        expect.arrayContaining(["Microsoft.Batch/batchAccounts/pools/*"]),
        ["Microsoft.Batch/batchAccounts/jobSchedules/*", "Microsoft.Batch/batchAccounts/jobs/*"],
      ],
    ]);
    expect(access.permissionsAt(alan, WEU)).toHaveLength(2);
    expect(access.permissionsAt(alan, SUB)).toEqual([]);
  });

  it("turn a listed reader into a reader of everything (as Grace) and nothing more", () => {
    const readers = new AccessControl(seededRoleAssignments(DEFAULT_SEED, { readers: [alan] }));
    expect(readers.isAllowed(alan, EUS, "Microsoft.Batch/batchAccounts/read")).toBe(true);
    expect(readers.isAllowed(alan, WEU, "Microsoft.Batch/batchAccounts/jobs/write", "dataAction")).toBe(
      false,
    );
  });
});
