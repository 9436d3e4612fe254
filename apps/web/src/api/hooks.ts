import { useQuery } from "@tanstack/react-query";
import { useApi } from "../auth/AuthContext";
import { callRoute } from "./callRoute";
import { isApiError } from "../auth/apiError";
import { poolKeys, systemKeys } from "./keys";

/*
 * Thin hooks: a key from keys.ts, a route of the shared table by name (callRoute types its answer
 * from the route), and the query's `signal` passed to fetch so navigating away cancels the
 * request. Lists that change while you watch poll.
 */

/**
 * A query whose ids are not all known yet must not run: an empty id would build "…/pools/", a
 * different URL (the BFF answers it with 400, and it once answered the pool list, cached as a pool).
 */
export const known = (...ids: (string | undefined)[]) => ids.every((id) => id !== undefined && id !== "");

export function useAccounts() {
  const api = useApi();
  return useQuery({
    queryKey: systemKeys.accounts(),
    queryFn: ({ signal }) => callRoute(api, "accounts", {}, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** The emulator's runtime note; a 404 means "not the emulator", which is not an error. */
export function useEmulatorNote() {
  const api = useApi();
  return useQuery({
    queryKey: systemKeys.emulator(),
    queryFn: async ({ signal }) => {
      try {
        return await callRoute(api, "emulator", {}, { signal });
      } catch (e) {
        if (isApiError(e) && e.status === 404) return null;
        throw e;
      }
    },
    staleTime: Infinity,
  });
}

export function usePools(account: string) {
  const api = useApi();
  return useQuery({
    queryKey: poolKeys.list(account),
    queryFn: ({ signal }) => callRoute(api, "pools", { account }, { signal }),
    refetchInterval: 10_000,
    enabled: known(account),
  });
}
