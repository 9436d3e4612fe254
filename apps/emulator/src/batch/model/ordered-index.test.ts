import { describe, expect, it } from "vitest";
import { OrderedIndex } from "./ordered-index";

describe("OrderedIndex", () => {
  it("pages in creation order from a sequence number, skipping deleted and filtered entries", () => {
    const idx = new OrderedIndex<{ seq: number; id: string }>();
    for (let i = 1; i <= 300; i++) idx.add(`Id${i}`, { seq: i * 2, id: `Id${i}` });
    for (let i = 1; i <= 200; i++) idx.delete(`id${i}`); // case-insensitive; forces a compaction
    expect(idx.size).toBe(100);
    expect(idx.get("ID250")?.id).toBe("Id250");
    const first = idx.page(-1, 10, () => true);
    expect(first.items.map((x) => x.id)).toEqual(Array.from({ length: 10 }, (_, i) => `Id${201 + i}`));
    expect(first.more).toBe(true);
    const next = idx.page(first.items[9]!.seq, 1000, (x) => x.seq % 4 === 0);
    expect(next.items.length).toBe(45);
    expect(next.more).toBe(false);
  });

  it("keeps order when an older entry is added late (loading from the store)", () => {
    const idx = new OrderedIndex<{ seq: number }>();
    idx.add("b", { seq: 5 });
    idx.add("a", { seq: 1 });
    expect(idx.page(-1, 10, () => true).items.map((x) => x.seq)).toEqual([1, 5]);
  });
});
