import { useLayoutEffect } from "react";
import { useLocation, useNavigationType } from "react-router";

/** Scroll positions by history entry; in memory, so a reload starts at the top like a fresh visit. */
const positions = new Map<string, number>();
const MAX_ENTRIES = 200;

/**
 * New pages open at the top; back/forward restore where the reader was. (react-router's own
 * ScrollRestoration needs the data router, which the portal does not use: it costs ~15 KB gzip
 * on the first route for loaders and actions no page has.)
 */
export function ScrollRestorer() {
  const location = useLocation();
  const navigationType = useNavigationType();
  useLayoutEffect(() => {
    window.scrollTo(0, navigationType === "POP" ? (positions.get(location.key) ?? 0) : 0);
    return () => {
      positions.delete(location.key);
      positions.set(location.key, window.scrollY);
      if (positions.size > MAX_ENTRIES) positions.delete(positions.keys().next().value!);
    };
  }, [location.key, navigationType]);
  return null;
}
