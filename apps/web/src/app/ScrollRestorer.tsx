import { useEffect, useLayoutEffect } from "react";
import { useLocation, useNavigationType } from "../router";

/** Scroll positions by history entry; in memory, so a reload starts at the top like a fresh visit. */
const positions = new Map<string, number>();
const MAX_ENTRIES = 200;

const remember = (key: string, y: number) => {
  positions.delete(key);
  positions.set(key, y);
  if (positions.size > MAX_ENTRIES) positions.delete(positions.keys().next().value!);
};

/**
 * New pages open at the top; back/forward restore where the reader was (positions are keyed by
 * the history entry's key, which stays with the entry through back and forward).
 */
export function ScrollRestorer() {
  const location = useLocation();
  const navigationType = useNavigationType();

  // Positions are recorded as the reader scrolls, not on leaving: by then the next page may
  // already be in the DOM and the browser may have clamped the offset to its shorter height.
  useEffect(() => {
    const onScroll = () => remember(location.key, window.scrollY);
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => window.removeEventListener("scroll", onScroll);
  }, [location.key]);

  useLayoutEffect(() => {
    window.scrollTo(0, navigationType === "POP" ? (positions.get(location.key) ?? 0) : 0);
  }, [location.key, navigationType]);
  return null;
}
