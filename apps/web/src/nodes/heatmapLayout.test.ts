import { describe, expect, it } from "vitest";
import { heatmapLayout, hitTest } from "./heatmapLayout";
import { countByState, groupOfState, nodeSummaryText } from "./nodeStates";

describe("heatmapLayout", () => {
  it("uses big cells for a few nodes", () => {
    expect(heatmapLayout(4, 800)).toMatchObject({ cell: 24, rows: 1 });
  });

  it("shrinks cells so 10,000 nodes fit the height, and 100,000 still get 2 px cells", () => {
    const l = heatmapLayout(10_000, 800, 320);
    expect(l.height).toBeLessThanOrEqual(320);
    expect(l.columns * l.rows).toBeGreaterThanOrEqual(10_000);
    expect(heatmapLayout(100_000, 800).cell).toBe(2);
  });

  it("maps points to node indexes, ignoring gaps and empty cells", () => {
    const l = heatmapLayout(30, 100);
    expect(hitTest(l, 30, 1, 1)).toBe(0);
    const step = l.cell + l.gap;
    expect(hitTest(l, 30, step + 1, 1)).toBe(1);
    expect(hitTest(l, 30, step + 1, step + 1)).toBe(l.columns + 1);
    if (l.gap > 0) expect(hitTest(l, 30, l.cell + 0.5, 1)).toBeUndefined();
    expect(hitTest(l, 30, 1, 100 * step)).toBeUndefined();
  });
});

describe("node states", () => {
  it("groups states and describes counts in words", () => {
    expect(groupOfState("StartTaskFailed").key).toBe("failed");
    expect(groupOfState("waitingforstarttask").key).toBe("starting");
    expect(countByState(["idle", "running", "idle"])).toEqual([["idle", 2], ["running", 1]]);
    expect(nodeSummaryText(["idle", "idle", "starttaskfailed"])).toBe("3 nodes: 2 idle, 1 starttaskfailed.");
    expect(nodeSummaryText([])).toBe("No nodes.");
  });
});
