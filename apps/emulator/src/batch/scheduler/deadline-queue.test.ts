import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DeadlineQueue } from "./deadline-queue";

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("DeadlineQueue", () => {
  it("hands out items in deadline order, whatever order they were added in", () => {
    const due: string[] = [];
    const q = new DeadlineQueue<string>((item) => due.push(item));
    const order = [50, 10, 40, 20, 30, 0, 60, 5];
    for (const ms of order) q.add(`t${ms}`, ms);
    vi.advanceTimersByTime(25);
    expect(due).toEqual(["t0", "t5", "t10", "t20"]);
    vi.advanceTimersByTime(100);
    expect(due).toEqual(["t0", "t5", "t10", "t20", "t30", "t40", "t50", "t60"]);
    expect(q.size).toBe(0);
  });

  it("skips deleted items and moves re-added ones", () => {
    const due: string[] = [];
    const q = new DeadlineQueue<string>((item) => due.push(item));
    q.add("a", 10);
    q.add("b", 20);
    q.add("c", 30);
    q.delete("b");
    q.add("a", 40);
    vi.advanceTimersByTime(35);
    expect(due).toEqual(["c"]);
    vi.advanceTimersByTime(10);
    expect(due).toEqual(["c", "a"]);
  });

  it("holds deadlines beyond what one Node timer can", () => {
    const due: string[] = [];
    const q = new DeadlineQueue<string>((item) => due.push(item));
    const thirtyDays = 30 * 24 * 3600_000;
    q.add("far", thirtyDays);
    vi.advanceTimersByTime(thirtyDays - 1);
    expect(due).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(due).toEqual(["far"]);
  });

  it("stays in order when items are re-added often (old entries compacted away)", () => {
    const due: number[] = [];
    const q = new DeadlineQueue<number>((item) => due.push(item));
    for (let round = 0; round < 10; round++) for (let i = 0; i < 500; i++) q.add(i, 1000 + round * 10 + i);
    expect(q.size).toBe(500);
    vi.advanceTimersByTime(5000);
    expect(due).toHaveLength(500);
    expect(due).toEqual([...due].sort((a, b) => a - b));
  });

  it("fires nothing after close", () => {
    const due: string[] = [];
    const q = new DeadlineQueue<string>((item) => due.push(item));
    q.add("a", 10);
    q.close();
    vi.advanceTimersByTime(100);
    expect(due).toEqual([]);
  });
});
