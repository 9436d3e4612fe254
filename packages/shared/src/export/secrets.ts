import type { PoolSpec } from "../pool-spec";
import type { RegistrySpec } from "../registry-spec";

/**
 * Exports never contain a registry password. Each password becomes an environment variable the
 * operator sets when running the export: REGISTRY_PASSWORD_<SERVER> ("myacr.azurecr.io" ->
 * REGISTRY_PASSWORD_MYACR_AZURECR_IO).
 */
export const passwordEnvVar = (server: string): string =>
  `REGISTRY_PASSWORD_${server
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")}`;

/**
 * An "account storage" output destination in an export: the write SAS URL only the BFF can mint
 * becomes OUTPUT_CONTAINER_URL_<CONTAINER>, filled from the environment when the export runs.
 */
export const outputContainerUrlEnvVar = (containerName: string): string =>
  `OUTPUT_CONTAINER_URL_${containerName.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`;

/** A `${NAME}` placeholder the exports fill from the environment. */
export const placeholder = (envVar: string): string => `\${${envVar}}`;

/** The environment variables an export of this pool needs, in first-use order. */
export const passwordEnvVars = (spec: PoolSpec): string[] => {
  const registries: RegistrySpec[] = [...(spec.container?.registries ?? [])];
  if (spec.startTask?.containerSettings?.registry) registries.push(spec.startTask.containerSettings.registry);
  return [
    ...new Set(registries.filter((r) => r.auth.kind === "password").map((r) => passwordEnvVar(r.server))),
  ];
};
