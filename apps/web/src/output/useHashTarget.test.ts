import { afterEach, describe, expect, it } from "vitest";
import { act, renderHook } from "@testing-library/react";
import type { OutputTarget } from "./deepLink";
import { OutputBuffer } from "./outputBuffer";
import { useHashTarget } from "./useHashTarget";

/** Lines "row 1".."row n" loaded from the file's start, as the viewer would hold them. */
const loaded = (n: number) => {
  const buffer = new OutputBuffer(
    0,
    new TextEncoder().encode(Array.from({ length: n }, (_, i) => `row ${i + 1}\n`).join("")),
  );
  return { buffer, lines: buffer.view() };
};

function setup(opening: OutputTarget | undefined, n = 10) {
  const { buffer, lines } = loaded(n);
  const scrolled: number[] = [];
  const reopened: OutputTarget[] = [];
  const hook = renderHook(() =>
    useHashTarget(opening, {
      lines,
      buffer,
      reopen: (t) => reopened.push(t),
      scrollToIndex: (i) => scrolled.push(i),
    }),
  );
  return { hook, scrolled, reopened };
}

afterEach(() => window.history.replaceState(null, "", "/"));

describe("useHashTarget", () => {
  it("marks the opening link's line and scrolls to it once", () => {
    const { hook, scrolled } = setup({ kind: "line", line: 3 });
    expect(hook.result.current.index).toBe(2);
    hook.rerender();
    expect(scrolled).toEqual([2]);
  });

  it("links a line: the hash says it, and it is scrolled to even when it was the target already", () => {
    const { hook, scrolled } = setup(undefined);
    expect(hook.result.current.index).toBe(-1);
    act(() => hook.result.current.linkTo({ kind: "line", line: 5 }));
    expect(window.location.hash).toBe("#L5");
    expect(hook.result.current.index).toBe(4);
    act(() => hook.result.current.linkTo({ kind: "line", line: 5 }));
    expect(scrolled).toEqual([4, 4]);
    act(() => hook.result.current.clear());
    expect(window.location.hash).toBe("");
    expect(hook.result.current.target).toBeUndefined();
  });

  it("follows a hash changed in place, reopening the file only for a target that is not loaded", () => {
    const { hook, reopened } = setup(undefined);
    act(() => {
      window.history.replaceState(null, "", "#L7");
      window.dispatchEvent(new HashChangeEvent("hashchange"));
    });
    expect(hook.result.current.index).toBe(6);
    expect(reopened).toEqual([]);
    act(() => {
      window.history.replaceState(null, "", "#b=5000");
      window.dispatchEvent(new HashChangeEvent("hashchange"));
    });
    expect(reopened).toEqual([{ kind: "byte", offset: 5000 }]);
    expect(hook.result.current.index).toBe(-1);
  });
});
