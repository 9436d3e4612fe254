import { normalizeRegistryHost } from "../../grammar/host";
import { checkRegistryServer, suggestRegistryServer } from "../../grammar/registry-server";
import type { ContainerPartFacts } from "../pool-facts";
import { setFix, type Rule } from "../rule";
import { parseUserAssignedIdentityId } from "./managed-identity-id";

const registryPath = (index: number, field?: string) =>
  field ? ["container", "registries", index, field] : ["container", "registries", index];

export const registryServerFormat: Rule<ContainerPartFacts> = {
  code: "registry.serverFormat",
  area: "registries",
  level: "error",
  summary:
    "A registry server is a host name with an optional port, not a URL (Batch fails such pools with ContainerInvalidRegistry).",
  source:
    'Microsoft Learn "Run container applications on Azure Batch": registryServer: "myContainerRegistry.azurecr.io"',
  check: ({ registries }, emit) => {
    for (const registry of registries) {
      if (registry.host) continue;
      const checked = checkRegistryServer(registry.server);
      const reason = checked.ok ? "" : checked.reason;
      const suggestion = suggestRegistryServer(registry.server);
      const path = registryPath(registry.index, "server");
      emit(
        path,
        `Enter the registry as a host name such as myacr.azurecr.io: ${reason}. Batch fails the pool's nodes with ContainerInvalidRegistry otherwise.`,
        {
          ...(suggestion ? { fix: setFix(`Change to ${suggestion}`, path, suggestion) } : {}),
        },
      );
    }
  },
};

export const registryDuplicate: Rule<ContainerPartFacts> = {
  code: "registry.duplicate",
  area: "registries",
  level: "warning",
  summary: "Each registry server appears once.",
  source: "operator experience",
  check: ({ registries }, emit) => {
    const seen = new Set<string>();
    for (const registry of registries) {
      if (!registry.host) continue;
      if (seen.has(registry.host))
        emit(
          registryPath(registry.index, "server"),
          `${registry.server} is already configured above; remove this duplicate so it is clear which credentials the nodes use.`,
        );
      seen.add(registry.host);
    }
  },
};

export const registryUnused: Rule<ContainerPartFacts> = {
  code: "registry.unused",
  area: "registries",
  level: "info",
  summary: "A registry credential no prefetch image comes from (fine when tasks use it).",
  source: "operator experience",
  check: ({ registries, prefetch }, emit) => {
    const used = new Set(prefetch.flatMap((p) => (p.parsed.ok ? [p.parsed.value.registryHost] : [])));
    for (const registry of registries) {
      if (registry.host && !used.has(registry.host)) {
        emit(
          registryPath(registry.index, "server"),
          `No prefetch image comes from ${registry.server}; that is fine if tasks pull from it, otherwise remove it.`,
        );
      }
    }
  },
};

export const registryProbe: Rule<ContainerPartFacts> = {
  code: "registry.loginFailed",
  area: "registries",
  level: "error",
  levels: ["info"],
  summary:
    "Logging in to the registry with its credentials works (error when rejected or unreachable; info when it could not be checked).",
  source: "operator experience: wrong registry credentials make every node of the pool unusable.",
  check: ({ registries, context }, emit) => {
    if (!context.registries) return;
    for (const registry of registries) {
      const probe = context.registries.find(
        (p) => normalizeRegistryHost(p.server) === (registry.host ?? registry.server),
      );
      if (!probe || probe.status === "ok") continue;
      const path = registryPath(registry.index);
      if (probe.status === "unauthorized")
        emit(
          path,
          `${registry.server} rejected these credentials; check the user name and password (or the identity's AcrPull role).`,
        );
      else if (probe.status === "unreachable")
        emit(path, `${registry.server} could not be reached; check the host name and port.`);
      else
        emit(
          path,
          `${registry.server} was not checked (${probe.status}${probe.message ? `: ${probe.message}` : ""}); the pool may still work.`,
          { level: "info" },
        );
    }
  },
};

export const registryIdentity: Rule<ContainerPartFacts> = {
  code: "registry.identityNeedsPoolIdentity",
  area: "registries",
  level: "warning",
  summary:
    "Managed-identity registry auth works only when the pool has that user-assigned identity, which pools created here (Batch service API) cannot have.",
  source:
    "Batch REST ContainerRegistry.identityReference: the user-assigned identity must be associated with the pool; pool identities are set only through Azure Resource Manager (Microsoft.Batch/batchAccounts/pools), not the Batch service API (2022-10-01.16.0) this portal creates pools with.",
  check: ({ spec }, emit) => {
    spec.container?.registries.forEach((registry, index) => {
      if (registry.auth.kind !== "identity") return;
      emit(
        registryPath(index, "auth"),
        `Batch logs in to ${registry.server} as ${registry.auth.identityResourceId} only if that user-assigned identity is attached to the pool, and this portal creates pools through the Batch service API, which cannot attach identities (that takes Azure Resource Manager). A pool created here has no identities, so Batch cannot log in to ${registry.server} with this one: use a user name and password (e.g. an ACR token), or create the pool through ARM with the identity attached (the identity also needs AcrPull on the registry).`,
      );
    });
  },
};

export const registryIdentityIdFormat: Rule<ContainerPartFacts> = {
  code: "registry.identityResourceIdFormat",
  area: "registries",
  level: "error",
  summary:
    "A managed-identity registry names the identity by its ARM resource id (/subscriptions/{guid}/resourceGroups/{rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}).",
  source:
    "Batch REST ComputeNodeIdentityReference.resourceId: the ARM resource id of the user assigned identity.",
  check: ({ spec }, emit) => {
    spec.container?.registries.forEach((registry, index) => {
      if (registry.auth.kind !== "identity") return;
      const parsed = parseUserAssignedIdentityId(registry.auth.identityResourceId);
      if (!parsed.ok)
        emit(
          [...registryPath(index, "auth"), "identityResourceId"],
          `Fix the managed identity resource id: ${parsed.reason}.`,
        );
    });
  },
};

export const registryRules = [
  registryServerFormat,
  registryDuplicate,
  registryUnused,
  registryProbe,
  registryIdentity,
  registryIdentityIdFormat,
];
