import { useQuery } from "@tanstack/react-query";
import { useApi } from "../auth/AuthContext";
import { callRoute } from "./callRoute";
import { known } from "./hooks";
import { catalogKeys } from "./keys";

/* Only forms that pick application packages read these: kept out of the first route's hooks. */

/** The account's applications and their activated versions, for application package pickers and rules. */
export function useApplications(account: string) {
  const api = useApi();
  return useQuery({
    queryKey: catalogKeys.applications(account),
    queryFn: ({ signal }) => callRoute(api, "applications", { account }, { signal }),
    // Packages are published outside the portal; a minute is fresh enough for a form.
    staleTime: 60_000,
    enabled: known(account),
  });
}
