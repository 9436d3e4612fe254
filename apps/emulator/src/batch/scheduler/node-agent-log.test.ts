/** The per-node agent log stays bounded: the newest lines win, long lines are cut. */
import { describe, expect, it } from "vitest";
import type { NodeRecord } from "../model/types";
import { NodeAgentLog } from "./node-agent-log";

const node = () => ({ seq: 1, poolKey: "p", wire: { id: "n" } }) as unknown as NodeRecord;

describe("NodeAgentLog", () => {
  it("keeps the newest lines of each node in a time window", () => {
    const log = new NodeAgentLog(3);
    const a = node();
    const b = node();
    for (let i = 0; i < 5; i++) log.write(a, `a${i}`, 1000 + i);
    log.write(b, "b0", 1000);
    expect(log.between(a, 0).map((l) => l.text)).toEqual(["a2", "a3", "a4"]);
    expect(log.between(a, 1003, 1003).map((l) => l.text)).toEqual(["a3"]);
    expect(log.between(b, 0).map((l) => l.text)).toEqual(["b0"]);
  });

  it("cuts long lines", () => {
    const log = new NodeAgentLog();
    const a = node();
    log.write(a, "x".repeat(10_000));
    expect(log.between(a, 0)[0]!.text.length).toBeLessThanOrEqual(501);
  });
});
