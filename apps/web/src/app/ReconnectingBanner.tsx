import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useRef, useSyncExternalStore } from "react";
import { callRoute } from "../api/callRoute";
import { useApi } from "../auth/AuthContext";

const ReconnectingMessageBar = lazy(() =>
  import("../components/MessageBars").then((m) => ({ default: m.ReconnectingMessageBar })),
);

/** While away: try again after 1 s, then 2, 4, … up to 10 s between tries. */
const FIRST_TRY_MS = 1000;
const MAX_TRY_MS = 10_000;

const noSubscription = () => () => undefined;
const alwaysReachable = () => true;

const failedQueries = {
  type: "active",
  predicate: (q: { state: { status: string } }) => q.state.status === "error",
} as const;

/**
 * Retries what failed: the page's queries that ended in an error (TanStack Query gave up on them
 * after its own retries) or, when none did, the BFF's health route, so that someone asks.
 */
async function tryAgain(queryClient: QueryClient, probeHealth: () => Promise<unknown>): Promise<void> {
  if (queryClient.getQueryCache().findAll(failedQueries).length > 0)
    await queryClient.refetchQueries(failedQueries);
  else await probeHealth().catch(() => undefined);
}

/**
 * "Reconnecting…" above the page while the BFF (or Batch behind it) does not answer: the API
 * client's connection state (auth/connection.ts) says when. Meanwhile it retries with backoff,
 * and once an answer comes the banner goes and the failed queries load again — no reload.
 */
export function ReconnectingBanner() {
  const api = useApi();
  const queryClient = useQueryClient();
  const connection = api.connection;
  const reachable = useSyncExternalStore(
    connection?.subscribe ?? noSubscription,
    connection?.reachable ?? alwaysReachable,
  );
  const wasAway = useRef(false);

  useEffect(() => {
    if (reachable) {
      if (wasAway.current) void queryClient.refetchQueries(failedQueries);
      wasAway.current = false;
      return;
    }
    wasAway.current = true;
    let delay = FIRST_TRY_MS;
    let timer: ReturnType<typeof setTimeout>;
    const next = () => {
      timer = setTimeout(async () => {
        await tryAgain(queryClient, () => callRoute(api, "health", {}));
        delay = Math.min(delay * 2, MAX_TRY_MS);
        next();
      }, delay);
    };
    next();
    return () => clearTimeout(timer);
  }, [reachable, api, queryClient]);

  if (reachable) return null;
  return (
    <div role="status">
      <Suspense fallback="Reconnecting…">
        <ReconnectingMessageBar />
      </Suspense>
    </div>
  );
}
