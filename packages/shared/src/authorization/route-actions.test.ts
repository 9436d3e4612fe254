import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { apiRouteNames } from "../api/route-paths";
import { permits } from "./permissions";
import { ACCOUNT_READ, refusedRoutes, routeAuthorization, routeNeeds } from "./route-actions";

/** The operator role documented in docs/CONFIGURATION.md, as Azure's role definition JSON. */
const documentedOperatorRole = () => {
  const doc = readFileSync(new URL("../../../../docs/CONFIGURATION.md", import.meta.url), "utf8");
  const block = /<!-- batch-studio-operator-role -->\s*```json\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error("docs/CONFIGURATION.md has no operator role block");
  const role = JSON.parse(block) as { Actions: string[]; NotActions: string[]; DataActions: string[]; NotDataActions: string[] };
  return { actions: role.Actions, notActions: role.NotActions, dataActions: role.DataActions, notDataActions: role.NotDataActions };
};

describe("the route table's Azure permissions", () => {
  it("says for every route what it needs, or why it needs nothing", () => {
    for (const name of apiRouteNames) {
      const auth = routeAuthorization[name];
      if ("none" in auth) expect(auth.none.length, name).toBeGreaterThan(10);
      else expect(auth.needs.length, name).toBeGreaterThan(0);
    }
  });

  it("is all the documented least-privilege operator role needs to grant (gallery replicas aside)", () => {
    const role = documentedOperatorRole();
    const uncovered = apiRouteNames.filter((name) => name !== "setGalleryReplicas" && ![ACCOUNT_READ, ...routeNeeds(name)].every((n) => permits([role], n)));
    expect(uncovered).toEqual([]);
    expect(permits([role], routeNeeds("setGalleryReplicas")[0]!)).toBe(false);
  });

  it("refuses a reader every write and no read", () => {
    const reader = { actions: ["*/read"], notActions: [], dataActions: ["Microsoft.Batch/batchAccounts/jobs/read", "Microsoft.Batch/batchAccounts/jobSchedules/read"], notDataActions: [] };
    const refused = Object.keys(refusedRoutes([reader]));
    expect(refused).toContain("createPool");
    expect(refused).toContain("deleteJob");
    expect(refused).toContain("taskSavedOutputFileContent");
    expect(refused).not.toContain("tasks");
    expect(refused).not.toContain("pools");
  });
});
