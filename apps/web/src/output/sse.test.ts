import { describe, expect, it } from "vitest";
import { SseParser } from "./sse";

describe("SseParser", () => {
  it("parses events with type, id and multi-line data", () => {
    const p = new SseParser();
    const events = p.push("event: chunk\nid: 42\ndata: line one\ndata: line two\n\n: keep-alive\n\ndata: x\n\n");
    expect(events).toEqual([
      { event: "chunk", id: "42", data: "line one\nline two" },
      { event: "message", id: "42", data: "x" },
    ]);
  });

  it("joins fields cut between pieces, including a CRLF pair", () => {
    const p = new SseParser();
    expect(p.push("da")).toEqual([]);
    expect(p.push("ta: hel")).toEqual([]);
    expect(p.push("lo\r")).toEqual([]);
    expect(p.push("\n\r\n")).toEqual([{ event: "message", data: "hello" }]);
  });

  it("reads retry and ignores unknown fields and empty events", () => {
    const p = new SseParser();
    expect(p.push("retry: 3000\nfoo: bar\n\nevent: end\n\n")).toEqual([]);
    // retry applies to the connection, so it rides on the next dispatched event.
    expect(p.push("event: end\ndata:\n\n")).toEqual([{ event: "end", data: "", retry: 3000 }]);
  });
});
