import { describe, expect, it } from "vitest";
import { sameRegion, withRegionalReplicas } from "./target-regions";

describe("withRegionalReplicas", () => {
  const current = [
    {
      name: "West Europe",
      regionalReplicaCount: 2,
      storageAccountType: "Standard_LRS" as const,
      excludeFromLatest: false,
    },
    { name: "East US", regionalReplicaCount: 1, storageAccountType: "Standard_ZRS" as const },
  ];

  it("sets the region's count (names compared loosely) and passes every other region back unchanged", () => {
    expect(withRegionalReplicas(current, "westeurope", 7)).toEqual([
      {
        name: "West Europe",
        regionalReplicaCount: 7,
        storageAccountType: "Standard_LRS",
        excludeFromLatest: false,
      },
      { name: "East US", regionalReplicaCount: 1, storageAccountType: "Standard_ZRS" },
    ]);
    expect(current[0]!.regionalReplicaCount).toBe(2); // the input is not modified
  });

  it("adds a region that is not a target yet, with the version's storage type when known", () => {
    expect(withRegionalReplicas(current, "northeurope", 3, "Standard_LRS").at(-1)).toEqual({
      name: "northeurope",
      regionalReplicaCount: 3,
      storageAccountType: "Standard_LRS",
    });
    expect(withRegionalReplicas([], "eastus", 1)).toEqual([{ name: "eastus", regionalReplicaCount: 1 }]);
  });

  it("compares region names without case or spaces", () => {
    expect(sameRegion("West Europe", "westeurope")).toBe(true);
    expect(sameRegion("WestEurope", "west europe")).toBe(true);
    expect(sameRegion("East US 2", "eastus")).toBe(false);
  });
});
