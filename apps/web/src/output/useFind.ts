import { useEffect, useRef } from "react";
import type { ApiClient } from "../auth/apiClient";
import type { SearchMatch } from "./ansiLines";
import type { OutputTarget } from "./deepLink";
import type { OutputBuffer, OutputLine } from "./outputBuffer";
import type { OutputSource } from "./outputSource";
import { matchIndexAt, useWholeFileSearch, type WholeFileSearch } from "./wholeFileSearch";

export interface Find {
  whole: WholeFileSearch;
  /** Part of the file is not loaded: next/previous may go on through the whole file. */
  outside: boolean;
  /** Next (1) or previous (−1) match: among the loaded ones, then on through the whole file. */
  step(d: 1 | -1): void;
  /** The search text changed: a running search and a pending jump are dropped. */
  changed(): void;
}

/**
 * The viewer's find: next/previous step through the loaded matches, and past the first or last
 * go on through the whole file on the BFF (wholeFileSearch.ts). A match found there is opened
 * with `goTo` (as a #b= link) and becomes the current match once its window is loaded.
 */
export function useFind(
  api: ApiClient,
  source: OutputSource,
  view: {
    query: string;
    lines: readonly OutputLine[];
    matches: readonly SearchMatch[];
    matchIndex: number;
    setMatchIndex(i: number): void;
    buffer: OutputBuffer | undefined;
    size: number | undefined;
    goTo(t: OutputTarget): void;
  },
): Find {
  const { query, lines, matches, matchIndex, setMatchIndex, buffer, size } = view;
  const foundAt = useRef<number | undefined>(undefined);
  const latest = useRef(view);
  latest.current = view;
  const whole = useWholeFileSearch(api, source, {
    onFound: ({ offset }) => {
      foundAt.current = offset;
      latest.current.goTo({ kind: "byte", offset });
    },
    onWrap: (direction) => latest.current.setMatchIndex(direction === "forward" ? 0 : Math.max(0, latest.current.matches.length - 1)),
  });

  useEffect(() => {
    if (foundAt.current === undefined || !buffer) return;
    const i = matchIndexAt(lines, matches, foundAt.current, query, buffer.end);
    if (i >= 0) {
      foundAt.current = undefined;
      setMatchIndex(i);
    }
  }, [lines, matches, query, buffer, setMatchIndex]);

  const outside = buffer !== undefined && size !== undefined && (buffer.start > 0 || buffer.end < size);
  const step = (d: 1 | -1) => {
    const n = matches.length;
    const i = Math.min(matchIndex, n - 1);
    if (query && outside && (n === 0 || (d === 1 ? i >= n - 1 : i <= 0))) {
      whole.start(query, d === 1 ? "forward" : "backward", { start: buffer.start, end: buffer.end, size }, n > 0);
    } else {
      whole.reset(); // a step among the loaded matches supersedes a search (or its message)
      if (n) setMatchIndex((i + d + n) % n);
    }
  };
  const changed = () => {
    foundAt.current = undefined;
    whole.reset();
  };
  return { whole, outside, step, changed };
}
