import { describe, expect, it } from "vitest";
import { act, renderHook } from "@testing-library/react";
import type { Virtualizer } from "@tanstack/react-virtual";
import type { OutputLine } from "./outputBuffer";
import { useStickToEnd } from "./useStickToEnd";

const H = 20;
const linesFrom = (first: number, n: number): OutputLine[] =>
  Array.from({ length: n }, (_, i) => ({
    text: `row ${first + i}`,
    at: (first + i) * 10,
    number: first + i + 1,
  }));

/** The virtualizer's part the hook uses, with fixed-height rows: it records where it was told to scroll. */
function fakeVirtualizer(lines: () => readonly OutputLine[]) {
  const calls: string[] = [];
  const v = {
    get measurementsCache() {
      return lines().map((_, index) => ({ index, start: index * H, end: (index + 1) * H }));
    },
    scrollToIndex: (i: number, o?: { align?: string }) =>
      void calls.push(`index ${i} ${o?.align ?? ""}`.trim()),
    scrollToOffset: (top: number) => void calls.push(`offset ${top}`),
  };
  // Only these three members are read by the hook; the rest of the virtualizer is not involved.
  return { virtualizer: v as unknown as Virtualizer<HTMLDivElement, Element>, calls };
}

const scrolledTo = (scrollTop: number, scrollHeight: number, clientHeight = 200) =>
  ({ scrollTop, scrollHeight, clientHeight }) as HTMLElement;

function setup(initial: OutputLine[]) {
  let lines = initial;
  const { virtualizer, calls } = fakeVirtualizer(() => lines);
  const hook = renderHook(
    (p: { linked: boolean; searching: boolean }) =>
      useStickToEnd({ lines, virtualizer, lineHeight: H, ...p }),
    {
      initialProps: { linked: false, searching: false },
    },
  );
  const setLines = (next: OutputLine[], p = { linked: false, searching: false }) => {
    lines = next;
    hook.rerender(p);
  };
  return { hook, calls, setLines };
}

describe("useStickToEnd", () => {
  it("keeps the newest line in view at the live edge, and reads as 'at the edge'", () => {
    const { hook, calls, setLines } = setup(linesFrom(0, 50));
    expect(calls).toEqual(["index 49 end"]);
    setLines(linesFrom(0, 51));
    expect(calls.at(-1)).toBe("index 50 end");
    expect(hook.result.current.readingAt()).toBeUndefined();
  });

  it("stops following once the reader scrolls up, says where they read, and keeps that text still when lines come above", () => {
    const { hook, calls, setLines } = setup(linesFrom(100, 50));
    // Scrolled to row 110 (index 10), far from the bottom.
    act(() => hook.result.current.onScroll(scrolledTo(10 * H, 50 * H)));
    expect(hook.result.current.stick).toBe(false);
    expect(hook.result.current.readingAt()).toBe(110 * 10);
    calls.length = 0;
    // "Load earlier" puts 100 lines before: row 110 is now index 110, and the view follows it there.
    setLines([...linesFrom(0, 100), ...linesFrom(100, 51)]);
    expect(calls).toEqual([`offset ${110 * H}`]);
  });

  it("does not pull the view to the end while a link or a search holds it, and goes back to the end on request", () => {
    const { hook, calls, setLines } = setup(linesFrom(0, 50));
    calls.length = 0;
    setLines(linesFrom(0, 51), { linked: true, searching: false });
    setLines(linesFrom(0, 52), { linked: false, searching: true });
    expect(calls).toEqual([]);
    // A linked line is not the live edge: following keeps what is read.
    setLines(linesFrom(0, 52), { linked: true, searching: false });
    expect(hook.result.current.readingAt()).toBe(0);
    act(() => hook.result.current.onScroll(scrolledTo(0, 52 * H)));
    act(() => hook.result.current.toEnd());
    setLines(linesFrom(0, 53));
    expect(calls.at(-1)).toBe("index 52 end");
  });
});
