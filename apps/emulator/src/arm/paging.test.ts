import type { Request } from "express";
import { describe, expect, it } from "vitest";
import { pageOf } from "./paging";

const req = (url: string) => ({ originalUrl: url }) as Request;

describe("ARM paging", () => {
  const items = [1, 2, 3, 4, 5];

  it("returns pages with an absolute nextLink that keeps the query", () => {
    const first = pageOf(req("/x?api-version=1"), "http://h:1", items, 2);
    expect(first).toEqual({ value: [1, 2], nextLink: "http://h:1/x?api-version=1&%24skiptoken=2" });
    const last = pageOf(
      req(
        new URL(first.nextLink!).pathname +
          new URL(first.nextLink!).search.replace("%24skiptoken=2", "%24skiptoken=4"),
      ),
      "http://h:1",
      items,
      2,
    );
    expect(last).toEqual({ value: [5] });
  });

  it("honours a smaller maxresults", () => {
    expect(pageOf(req("/x?maxresults=1"), "http://h", items, 2).value).toEqual([1]);
  });

  it("refuses a bad skip token", () => {
    expect(() => pageOf(req("/x?$skiptoken=abc"), "http://h", items, 2)).toThrow(/skiptoken/);
    expect(() => pageOf(req("/x?$skiptoken=-1"), "http://h", items, 2)).toThrow(/skiptoken/);
  });
});
