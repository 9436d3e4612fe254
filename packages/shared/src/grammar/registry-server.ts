import { isHostWithOptionalPort, normalizeRegistryHost } from "./host";
import type { Parsed } from "./parsed";

/**
 * A Batch ContainerRegistry.registryServer is a host name with an optional port
 * ("myacr.azurecr.io", "localhost:5000"). A URL ("https://myacr.azurecr.io/") is accepted by the
 * API but the pool later fails on its nodes with ContainerInvalidRegistry, so we refuse it here.
 */
export const isRegistryServer = (server: string): boolean => isHostWithOptionalPort(server);

export const checkRegistryServer = (server: string): Parsed<string> => {
  if (server.trim() === "") return { ok: false, reason: "the registry server is empty" };
  if (isRegistryServer(server)) return { ok: true, value: normalizeRegistryHost(server) };
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(server)) {
    return { ok: false, reason: "it is a URL; a registry server is a host name without a scheme" };
  }
  if (server.includes("/"))
    return { ok: false, reason: "it contains a path; a registry server is a host name only" };
  if (/\s/.test(server)) return { ok: false, reason: "it contains spaces" };
  return { ok: false, reason: "it is not a host name with an optional port" };
};

/**
 * What the operator most likely meant: "https://myacr.azurecr.io/v2/" -> "myacr.azurecr.io".
 * Undefined when stripping scheme, path and whitespace still does not give a host.
 */
export const suggestRegistryServer = (server: string): string | undefined => {
  const stripped = server
    .trim()
    .replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//, "")
    .replace(/^[^@/]*@/, "")
    .split("/")[0];
  return stripped && isRegistryServer(stripped) && stripped !== server ? stripped : undefined;
};
