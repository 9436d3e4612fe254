import type { Virtualizer } from "@tanstack/react-virtual";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { OutputLine } from "./outputBuffer";
import { anchorAt, anchoredScrollTop, type ScrollAnchor } from "./scrollAnchor";

export interface StickToEnd {
  /** The reader is at the newest line: new lines scroll into view. */
  stick: boolean;
  /** The byte the reader is looking at, or undefined at the live edge (useOutputFile trims memory by it). */
  readingAt(): number | undefined;
  onScroll(el: HTMLElement): void;
  /** Back to the live edge ("Jump to end"). */
  toEnd(): void;
}

/**
 * Keeps the newest line in view while the reader is at the end (and no link or search holds the
 * view elsewhere); once they scroll up, keeps the text they read still when lines are added or
 * dropped above it ("Load earlier", the memory cap), by the line at the top (scrollAnchor.ts).
 */
export function useStickToEnd(view: {
  lines: readonly OutputLine[];
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  /** A deep link is the target: the view stays on it. */
  linked: boolean;
  /** A search is on: the view stays on its match. */
  searching: boolean;
  lineHeight: number;
}): StickToEnd {
  const { lines, virtualizer, linked, searching, lineHeight } = view;
  const [stick, setStick] = useState(true);
  const atEdge = useRef(true);
  atEdge.current = stick && !linked;
  const anchor = useRef<ScrollAnchor | undefined>(undefined);

  const firstAt = lines[0]?.at;
  const shownFirstAt = useRef(firstAt);
  useLayoutEffect(() => {
    if (firstAt !== shownFirstAt.current && anchor.current && !atEdge.current) {
      const top = anchoredScrollTop(
        lines,
        anchor.current,
        (i) => virtualizer.measurementsCache[i]?.start ?? i * lineHeight,
      );
      if (top !== undefined) virtualizer.scrollToOffset(top);
    }
    shownFirstAt.current = firstAt;
  }, [firstAt, lines, virtualizer, lineHeight]);

  useEffect(() => {
    if (stick && !linked && !searching && lines.length > 0)
      virtualizer.scrollToIndex(lines.length - 1, { align: "end" });
  }, [lines.length, lines, stick, linked, searching, virtualizer]);

  return {
    stick,
    readingAt: () => (atEdge.current ? undefined : (anchor.current?.at ?? 0)),
    onScroll(el) {
      // Within two lines of the bottom still counts as the end: a fractional scroll position is not "scrolled up".
      setStick(el.scrollHeight - el.scrollTop - el.clientHeight < lineHeight * 2);
      anchor.current = anchorAt(lines, virtualizer.measurementsCache, el.scrollTop);
    },
    toEnd: () => setStick(true),
  };
}
