import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { act, renderHook } from "@testing-library/react";
import type { ValidationIssue } from "@batch-studio/shared";
import { useSpecForm, type CheckAnswer } from "./useSpecForm";
import type { Path } from "./paths";

interface Draft {
  id: string;
  scale: { dedicated: number; spot?: number };
  tags: { name: string }[];
  image: { kind: "a"; url: string } | { kind: "b"; ref: string };
}

const initial = (): Draft => ({ id: "", scale: { dedicated: 1 }, tags: [], image: { kind: "a", url: "" } });

/** Required id, and a warning for large pools: the shape of the shared rules. */
const validate = (d: Draft): ValidationIssue[] => [
  ...(d.id === "" ? [{ path: ["id"], level: "error" as const, code: "id.required", message: "id is required" }] : []),
  ...(d.scale.dedicated > 100 ? [{ path: ["scale", "dedicated"], level: "warning" as const, code: "scale.big", message: "big" }] : []),
  ...(d.image.kind === "a" && d.image.url === "" ? [{ path: ["image", "url"], level: "error" as const, code: "url.required", message: "url is required" }] : []),
];

describe("useSpecForm", () => {
  it("shows no error before interaction, an error once its field is touched, and every error after submit", () => {
    const onValid = vi.fn();
    const { result } = renderHook(() => useSpecForm<Draft>({ initial, validate }));
    expect(result.current.issues.map((i) => i.code)).toEqual(["id.required", "url.required"]);
    expect(result.current.shown).toEqual([]);
    expect(result.current.blocked).toBe(true);

    act(() => result.current.set(["scale", "dedicated"], 500));
    // Touching another field shows its warning, not the id's error.
    expect(result.current.shown.map((i) => i.code)).toEqual(["scale.big"]);
    act(() => result.current.set(["id"], ""));
    expect(result.current.at(["id"]).map((i) => i.code)).toEqual(["id.required"]);

    act(() => result.current.submit(onValid));
    expect(onValid).not.toHaveBeenCalled();
    expect(result.current.shown.map((i) => i.code)).toEqual(["id.required", "scale.big", "url.required"]);

    act(() => result.current.set(["id"], "p1"));
    act(() => result.current.set(["image", "url"], "x"));
    act(() => result.current.submit(onValid));
    expect(onValid).toHaveBeenCalledWith(expect.objectContaining({ id: "p1", image: { kind: "a", url: "x" } }));
  });

  it("reveals only the fields it is asked to (a wizard step's Next)", () => {
    const { result } = renderHook(() => useSpecForm<Draft>({ initial, validate }));
    act(() => result.current.reveal([["image"]]));
    expect(result.current.shown.map((i) => i.code)).toEqual(["url.required"]);
  });

  it("keeps a server's refusal until the next change, and a fix counts as touching what it patches", () => {
    const { result } = renderHook(() => useSpecForm<Draft>({ initial, validate }));
    const refused: ValidationIssue = { path: ["tags", 0, "name"], level: "error", code: "server.says", message: "no" };
    act(() => result.current.reject([refused]));
    expect(result.current.issues).toContainEqual(refused);
    act(() => result.current.applyFix({ label: "Name it", patch: [{ path: ["id"], value: "" }] }));
    expect(result.current.issues).not.toContainEqual(refused);
    expect(result.current.at(["id"]).map((i) => i.code)).toEqual(["id.required"]);
  });

  it("changes list entries through update and marks the given path touched", () => {
    const { result } = renderHook(() => useSpecForm<Draft>({ initial, validate }));
    act(() => result.current.update((d) => ({ ...d, tags: [...d.tags, { name: "" }] }), ["tags", 0]));
    expect(result.current.value.tags).toEqual([{ name: "" }]);
    act(() => result.current.update((d) => ({ ...d, tags: [] })));
    expect(result.current.value.tags).toEqual([]);
  });

  describe("the async check", () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    type Facts = { taken: string };
    /** A check whose answers the test releases by hand, recording each call's value and signal. */
    const controlledCheck = () => {
      const calls: { value: Draft; signal: AbortSignal; answer(a: CheckAnswer<Facts>): void }[] = [];
      const check = (value: Draft, signal: AbortSignal) =>
        new Promise<CheckAnswer<Facts>>((resolve) => calls.push({ value, signal, answer: resolve }));
      return { calls, check };
    };
    const takenRule = (d: Draft, facts: Facts | undefined, checked: Draft | undefined): ValidationIssue[] =>
      facts?.taken === d.id && checked?.id === d.id ? [{ path: ["id"], level: "error", code: "id.taken", message: "taken" }] : [];

    it("waits for input to rest, then runs once for the newest value", async () => {
      const { calls, check } = controlledCheck();
      const { result } = renderHook(() => useSpecForm<Draft, Facts>({ initial, validate: takenRule, check, debounceMs: 400 }));
      expect(result.current.checking).toBe(true);
      act(() => result.current.set(["id"], "a"));
      await act(() => vi.advanceTimersByTimeAsync(300));
      act(() => result.current.set(["id"], "ab"));
      await act(() => vi.advanceTimersByTimeAsync(300));
      expect(calls).toHaveLength(0);
      await act(() => vi.advanceTimersByTimeAsync(100));
      expect(calls.map((c) => c.value.id)).toEqual(["ab"]);
      await act(async () => calls[0]!.answer({ issues: [], facts: { taken: "ab" } }));
      expect(result.current.checking).toBe(false);
      expect(result.current.facts).toEqual({ taken: "ab" });
      expect(result.current.at(["id"]).map((i) => i.code)).toEqual(["id.taken"]);
    });

    it("aborts the check in flight when newer input arrives and never applies its answer", async () => {
      const { calls, check } = controlledCheck();
      const { result } = renderHook(() => useSpecForm<Draft, Facts>({ initial, validate: takenRule, check, debounceMs: 400 }));
      act(() => result.current.set(["id"], "old"));
      await act(() => vi.advanceTimersByTimeAsync(400));
      expect(calls).toHaveLength(1);
      act(() => result.current.set(["id"], "new"));
      expect(calls[0]!.signal.aborted).toBe(true);
      const stale: ValidationIssue = { path: ["id"], level: "error", code: "stale", message: "about old" };
      await act(async () => calls[0]!.answer({ issues: [stale], facts: { taken: "new" } }));
      expect(result.current.issues).not.toContainEqual(stale);
      expect(result.current.facts).toBeUndefined();
      await act(() => vi.advanceTimersByTimeAsync(400));
      const fresh: ValidationIssue = { path: ["id"], level: "warning", code: "fresh", message: "about new" };
      await act(async () => calls[1]!.answer({ issues: [fresh], facts: { taken: "x" } }));
      expect(result.current.shown).toContainEqual(fresh);
    });

    it("shows an answer's issues only while the value it was about is unchanged, and rechecks on demand", async () => {
      const { calls, check } = controlledCheck();
      const { result } = renderHook(() => useSpecForm<Draft, Facts>({ initial, validate: () => [], check, debounceMs: 400 }));
      await act(() => vi.advanceTimersByTimeAsync(400));
      const remote: ValidationIssue = { path: ["scale", "dedicated"], level: "warning", code: "remote", message: "r" };
      await act(async () => calls[0]!.answer({ issues: [remote], facts: { taken: "" } }));
      expect(result.current.issues).toEqual([remote]);
      act(() => result.current.set(["scale", "dedicated"], 2));
      expect(result.current.issues).toEqual([]);
      act(() => result.current.recheck());
      await act(() => vi.advanceTimersByTimeAsync(400));
      expect(calls).toHaveLength(2);
      expect(calls[1]!.value.scale.dedicated).toBe(2);
    });
  });

  it("types field paths by the value: a typo or a wrong value does not compile", () => {
    expectTypeOf<["scale", "dedicated"]>().toMatchTypeOf<Path<Draft>>();
    expectTypeOf<["tags", 3, "name"]>().toMatchTypeOf<Path<Draft>>();
    expectTypeOf<["image", "ref"]>().toMatchTypeOf<Path<Draft>>();
    expectTypeOf<["scale", "dedicatd"]>().not.toMatchTypeOf<Path<Draft>>();
    expectTypeOf<["tags", "name"]>().not.toMatchTypeOf<Path<Draft>>();
    const { result } = renderHook(() => useSpecForm<Draft>({ initial, validate }));
    act(() => {
      // @ts-expect-error: no such field
      result.current.set(["scale", "dedicatd"], 1);
      // @ts-expect-error: dedicated is a number
      result.current.set(["scale", "dedicated"], "1");
    });
  });
});
