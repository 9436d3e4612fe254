import { makeStyles } from "@fluentui/react-components";
import { useLayoutEffect, useRef, type ReactNode } from "react";

const useStyles = makeStyles({
  // Only a stable DOM node around the swap; it takes no box, so layout is the child's alone.
  host: { display: "contents" },
});

/**
 * Wraps a light trigger that an on-demand component replaces (`swapped` turns true). React mounts
 * the replacement as a new element, so a trigger that had the keyboard focus would lose it: the
 * host notes whether the focus was inside while the old trigger is still in the DOM (during the
 * render that swaps) and hands it to the new one's first focusable element after the commit.
 */
export function SwapHost({ swapped, children }: { swapped: boolean; children: ReactNode }) {
  const styles = useStyles();
  const host = useRef<HTMLSpanElement>(null);
  const focusAtSwap = useRef<boolean | undefined>(undefined);
  if (swapped && focusAtSwap.current === undefined) {
    focusAtSwap.current = !!host.current && host.current.contains(document.activeElement);
  }

  useLayoutEffect(() => {
    if (swapped && focusAtSwap.current) host.current?.querySelector<HTMLElement>("button, [tabindex]")?.focus();
  }, [swapped]);

  return (
    <span ref={host} className={styles.host}>
      {children}
    </span>
  );
}
