import { useQuery } from "@tanstack/react-query";
import { useApi } from "../auth/AuthContext";
import { callRoute } from "./callRoute";
import { catalogKeys } from "./keys";

import { known } from "./hooks";

/* What the account offers: supported images and VM sizes, for the wizard and the pool page. */

export function useSupportedImages(account: string) {
  const api = useApi();
  return useQuery({
    queryKey: catalogKeys.images(account),
    queryFn: ({ signal }) => callRoute(api, "catalogImages", { account }, { signal }),
    staleTime: 30 * 60_000,
    enabled: known(account),
  });
}

export function useVmSizes(account: string) {
  const api = useApi();
  return useQuery({
    queryKey: catalogKeys.vmSizes(account),
    queryFn: ({ signal }) => callRoute(api, "catalogVmSizes", { account }, { signal }),
    staleTime: 30 * 60_000,
    enabled: known(account),
  });
}
