import { useEffect, useMemo, useRef, useState } from "react";
import { indexOfTarget, outputHash, parseOutputHash, type OutputTarget } from "./deepLink";
import type { OutputBuffer, OutputLine } from "./outputBuffer";
import { useLatest } from "./useLatest";

/** The deep link the page opened with (#L<n> or #b=<offset>), read once: it decides where the file opens. */
export function useOpeningTarget(): OutputTarget | undefined {
  const [opening] = useState(() => parseOutputHash(window.location.hash));
  return opening;
}

export interface HashTarget {
  /** The linked place, or undefined when the URL links none. */
  target: OutputTarget | undefined;
  /** Its index among the shown lines, or -1 while it is not loaded. */
  index: number;
  /** Link a line: the URL's hash says it, the line is marked and scrolled to (again, if the reader scrolled away). */
  linkTo(t: OutputTarget): void;
  /** No line linked any more (the reader went to the end): the hash is removed. */
  clear(): void;
}

/**
 * The URL's #L<n> / #b=<offset> as the viewer's target: marked and scrolled to once it is loaded
 * (once per target, so following does not pull the view back), and followed when the hash changes
 * in place (a pasted link, back/forward) — reading the target's window first when it is not loaded.
 */
export function useHashTarget(
  opening: OutputTarget | undefined,
  view: {
    lines: readonly OutputLine[];
    buffer: OutputBuffer | undefined;
    reopen(t: OutputTarget): void;
    scrollToIndex(index: number): void;
  },
): HashTarget {
  const { lines, buffer } = view;
  const [target, setTarget] = useState<OutputTarget | undefined>(opening);
  const index = useMemo(
    () =>
      target && buffer && (target.kind === "line" || target.offset < buffer.end)
        ? indexOfTarget(lines, target)
        : -1,
    [target, lines, buffer],
  );
  const latest = useLatest(view);

  const scrolledTo = useRef<OutputTarget | undefined>(undefined);
  useEffect(() => {
    if (index >= 0 && scrolledTo.current !== target) {
      scrolledTo.current = target;
      latest.current.scrollToIndex(index);
    }
  }, [target, index, latest]);

  useEffect(() => {
    const onHash = () => {
      const t = parseOutputHash(window.location.hash);
      if (!t) return;
      scrolledTo.current = undefined;
      setTarget(t);
      const { lines: shown, buffer: loaded, reopen } = latest.current;
      if ((t.kind === "byte" && t.offset >= (loaded?.end ?? 0)) || indexOfTarget(shown, t) === -1) reopen(t);
    };
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, [latest]);

  return {
    target,
    index,
    linkTo(t) {
      scrolledTo.current = undefined;
      window.history.replaceState(null, "", outputHash(t));
      setTarget(t);
    },
    clear() {
      setTarget(undefined);
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
    },
  };
}
