import { describe, expect, it } from "vitest";
import { HttpProblem } from "../http/problem";
import { decodeCursor, encodeCursor, taskFilter } from "./batch-gateway";

describe("taskFilter", () => {
  it("builds Batch's OData filter from the portal's task filters", () => {
    expect(taskFilter({})).toBeUndefined();
    expect(taskFilter({ state: "completed", exitCode: 0 })).toBe("state eq 'completed' and executionInfo/exitCode eq 0");
    expect(taskFilter({ exitCodeMin: 1, exitCodeMax: 127 })).toBe("executionInfo/exitCode ge 1 and executionInfo/exitCode le 127");
  });
});

describe("paging cursors", () => {
  const batchUrl = "http://127.0.0.1:4410";
  it("round-trips Batch's nextLink", () => {
    const link = "http://127.0.0.1:4410/jobs/j/tasks?api-version=2022-10-01.16.0&maxresults=2&$skiptoken=abc%3D%3D";
    expect(decodeCursor(encodeCursor(link), batchUrl)).toBe(link);
  });

  it("refuses a cursor that points at another host (the operator's token must not follow it)", () => {
    const forged = encodeCursor("http://169.254.169.254/metadata?x=1");
    expect(() => decodeCursor(forged, batchUrl)).toThrow(HttpProblem);
    expect(() => decodeCursor("%%%not-base64", batchUrl)).toThrow(HttpProblem);
  });
});
