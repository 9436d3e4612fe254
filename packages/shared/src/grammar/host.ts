/**
 * Host names as the distribution reference grammar and Docker accept them: DNS labels of letters,
 * digits and inner hyphens separated by dots, an IPv4 address, or a bracketed IPv6 address, each
 * with an optional numeric port.
 */
const DOMAIN_LABEL = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN_NAME = `${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*`;
const IPV6 = "\\[[a-fA-F0-9:]+\\]";
const HOST_WITH_PORT = new RegExp(`^(?:${DOMAIN_NAME}|${IPV6})(?::([0-9]+))?$`);

export const isHostWithOptionalPort = (value: string): boolean => {
  const match = HOST_WITH_PORT.exec(value);
  if (!match) return false;
  const port = match[1];
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
};

/** Names Docker Hub is reached by; the docker CLI treats them all as "docker.io". */
const DOCKER_HUB_ALIASES = new Set([
  "docker.io",
  "index.docker.io",
  "registry-1.docker.io",
  "registry.hub.docker.com",
]);

export const DOCKER_HUB = "docker.io";

/** Lowercases a registry host and folds Docker Hub's aliases into "docker.io", for comparisons. */
export const normalizeRegistryHost = (host: string): string => {
  const lower = host.toLowerCase();
  return DOCKER_HUB_ALIASES.has(lower) ? DOCKER_HUB : lower;
};
