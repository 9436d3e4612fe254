import { useEffect, useMemo, useState } from "react";
import { useLatest } from "./useLatest";
import type { ApiClient } from "../auth/apiClient";
import { findMatches, type SearchMatch } from "./ansiLines";
import type { OutputTarget } from "./deepLink";
import type { OutputBuffer, OutputLine } from "./outputBuffer";
import type { OutputSource } from "./outputSource";
import { useFind } from "./useFind";
import type { WholeFileSearch } from "./wholeFileSearch";

/** The viewer's search, as its toolbar and rows see it. */
export interface OutputSearch {
  query: string;
  /** New search text: the first match becomes current, a running whole-file search is dropped. */
  setQuery(query: string): void;
  matches: readonly SearchMatch[];
  /** The current match's place among `matches` (0 when there are none). */
  matchIndex: number;
  current: SearchMatch | undefined;
  /** Matches per line index, for the rows to mark. */
  byLine: ReadonlyMap<number, SearchMatch[]>;
  /** Part of the file is not loaded: next/previous go on through the whole file. */
  outside: boolean;
  step(d: 1 | -1): void;
  whole: WholeFileSearch;
}

/**
 * Search over the loaded lines (their plain text, escapes removed), stepping on through the whole
 * file past the first or last loaded match (useFind.ts). Scrolls to the current match when it
 * changes — not when the lines do, so following does not pull the view back to it.
 */
export function useOutputSearch(
  api: ApiClient,
  source: OutputSource,
  view: {
    lines: readonly OutputLine[];
    plain: readonly string[];
    buffer: OutputBuffer | undefined;
    size: number | undefined;
    goTo(t: OutputTarget): void;
    scrollToIndex(index: number): void;
  },
): OutputSearch {
  const { lines, plain, buffer, size, goTo, scrollToIndex } = view;
  const [query, setQueryText] = useState("");
  const [matchIndex, setMatchIndex] = useState(0);
  const matches = useMemo(() => findMatches(plain, query), [plain, query]);
  const byLine = useMemo(() => {
    const map = new Map<number, SearchMatch[]>();
    for (const m of matches) map.set(m.line, [...(map.get(m.line) ?? []), m]);
    return map;
  }, [matches]);
  const find = useFind(api, source, { query, lines, matches, matchIndex, setMatchIndex, buffer, size, goTo });
  const index = Math.max(0, Math.min(matchIndex, matches.length - 1));
  const current = matches[index];

  const matchKey = current ? `${lines[current.line]?.at}:${current.from}` : undefined;
  const matchLine = current?.line;
  const scroll = useLatest(scrollToIndex);
  useEffect(() => {
    if (matchKey !== undefined && matchLine !== undefined) scroll.current(matchLine);
    // matchLine is left out on purpose: it moves with prepends; the key says when the match itself changed.
  }, [matchKey, scroll]);

  return {
    query,
    setQuery(q) {
      setQueryText(q);
      setMatchIndex(0);
      find.changed();
    },
    matches,
    matchIndex: index,
    current,
    byLine,
    outside: find.outside,
    step: find.step,
    whole: find.whole,
  };
}
