import { useMutation, useQuery } from "@tanstack/react-query";
import type { RegistrySpec, RegistryTestRequest, RouteBody } from "@batch-studio/shared";
import { useApi } from "../auth/AuthContext";
import { callRoute } from "./callRoute";
import { registryKeys } from "./keys";
import { secretVersion } from "./secretVersion";

/** The registry credentials as the BFF's probe wants them (identity auth cannot be probed from the BFF). */
export const probeCredentials = (r: RegistrySpec | undefined): RegistryTestRequest | undefined =>
  r ? { server: r.server, ...(r.auth.kind === "password" ? { username: r.auth.username, password: r.auth.password } : {}) } : undefined;

/**
 * Looks an image up in its registry (found / notFound / unauthorized, plus ENTRYPOINT and WORKDIR).
 * The answer depends on the password, so the cache key carries its secretVersion() (never the
 * password itself): correcting a password re-checks at once instead of showing a stale answer.
 */
export function useImageInspection(reference: string | undefined, registry?: RegistryTestRequest) {
  const api = useApi();
  return useQuery({
    queryKey: registryKeys.inspect(reference ?? "", registry?.server, registry?.username, secretVersion(registry?.password)),
    queryFn: ({ signal }) =>
      callRoute(api, "registryInspect", {}, { body: { reference: reference ?? "", ...(registry ? { registry } : {}) }, signal }),
    enabled: !!reference,
    staleTime: 60_000,
    retry: false,
  });
}

export function useRegistryTest() {
  const api = useApi();
  return useMutation({
    mutationFn: (body: RouteBody<"registryTest">) => callRoute(api, "registryTest", {}, { body }),
  });
}
