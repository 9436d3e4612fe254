import { useQuery } from "@tanstack/react-query";
import type { ApiRouteName, AzureAction } from "@batch-studio/shared";
import { useApi } from "../auth/AuthContext";
import type { Availability } from "../components/ActionButtons";
import { callRoute } from "./callRoute";
import { known } from "./hooks";
import { accountKeys } from "./keys";

/** "…/jobs/write (a data action)": how a missing permission is named to the user. */
const named = (a: AzureAction) => (a.kind === "dataAction" ? `${a.action} (a data action)` : a.action);

/** Why a route is refused: the permissions the user lacks on the account, by Azure's names. */
export const refusalReason = (missing: readonly AzureAction[]): string =>
  `You do not have ${missing.map(named).join(" and ")} on this account. Ask an administrator for a role that grants it.`;

/**
 * What the signed-in user may do on the account, as Azure's role assignments grant it: a gate per
 * route that is open, or closed with the missing permission named. Until the answer is in, every
 * gate is open (the BFF and Azure refuse anyway); buttons are disabled, never hidden.
 */
export type RouteGate = (route: ApiRouteName) => Availability;

export function useRouteGate(account: string): RouteGate {
  const api = useApi();
  const answer = useQuery({
    queryKey: accountKeys.permissions(account),
    queryFn: ({ signal }) => callRoute(api, "permissions", { account }, { signal }),
    enabled: known(account),
    staleTime: 5 * 60_000,
  });
  return (route) => {
    const missing = answer.data?.refused[route];
    return missing?.length ? { ok: false, reason: refusalReason(missing) } : { ok: true };
  };
}

/** The first closed gate, else open: a permission and the resource's state both have to allow an action. */
export const bothAllow = (...gates: Availability[]): Availability => gates.find((g) => !g.ok) ?? { ok: true };
