import { describe, expect, it, vi } from "vitest";
import { onDemand } from "./onDemand";

describe("onDemand", () => {
  it("imports once, shares the load, and tells subscribers when the module arrives", async () => {
    const importer = vi.fn(async () => ({ answer: 42 }));
    const module = onDemand(importer);
    const loaded = vi.fn();
    module.subscribe(loaded);
    expect(module.current()).toBeUndefined();
    const [a, b] = await Promise.all([module.load(), module.load()]);
    expect(a).toBe(b);
    expect(importer).toHaveBeenCalledTimes(1);
    expect(module.current()).toEqual({ answer: 42 });
    expect(loaded).toHaveBeenCalledTimes(1);
  });

  it("forgets a failed import so the next interaction tries again", async () => {
    const importer = vi.fn().mockRejectedValueOnce(new Error("chunk gone")).mockResolvedValueOnce({ ok: true });
    const module = onDemand(importer);
    await expect(module.load()).rejects.toThrow("chunk gone");
    expect(module.current()).toBeUndefined();
    await expect(module.load()).resolves.toEqual({ ok: true });
    expect(importer).toHaveBeenCalledTimes(2);
  });
});
