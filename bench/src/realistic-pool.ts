import {
  PoolSpec,
  type SupportedImageFact,
  type ValidationContext,
  type VmSizeFact,
} from "@batch-studio/shared";

/**
 * A large but realistic container pool: 50 prefetch images spread over 10 private registries (one
 * written as a URL, one duplicated, so rules have work to do), a start task, and a context with
 * everything the live lookups can learn.
 */
const registryHosts = Array.from({ length: 10 }, (_, i) =>
  i === 0 ? "docker.io" : `team${i}acr.azurecr.io`,
);

export const realisticPool: PoolSpec = PoolSpec.parse({
  id: "render-farm-weu-01",
  displayName: "Render farm (West Europe)",
  vmSize: "Standard_D8s_v3",
  image: {
    kind: "marketplace",
    publisher: "microsoft-azure-batch",
    offer: "ubuntu-server-container",
    sku: "20-04-lts",
  },
  nodeAgentSkuId: "batch.node.ubuntu 20.04",
  container: {
    prefetchImages: Array.from({ length: 50 }, (_, i) => {
      const host = registryHosts[i % 10]!;
      return host === "docker.io" ? `myorg/tool-${i}:1.${i}` : `${host}/pipelines/stage-${i}:2024.${i}`;
    }),
    registries: registryHosts.map((server, i) => ({
      server: i === 3 ? `https://${server}/` : server,
      auth:
        i === 5
          ? {
              kind: "identity",
              identityResourceId:
                "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pull",
            }
          : { kind: "password", username: `user${i}`, password: `pw-${i}` },
    })),
  },
  scale: { dedicated: 1800, spot: 400, resizeTimeout: "PT20M" },
  startTask: {
    commandLine: "/bin/sh -c 'mount-share.sh'",
    elevated: true,
    waitForSuccess: false,
    env: [{ name: "SHARE", value: "//files/render" }],
  },
  metadata: [{ name: "team", value: "render" }],
});

const supportedImages: SupportedImageFact[] = Array.from({ length: 60 }, (_, i) => ({
  publisher: i === 59 ? "microsoft-azure-batch" : `publisher-${i}`,
  offer: i === 59 ? "ubuntu-server-container" : `offer-${i}`,
  sku: i === 59 ? "20-04-lts" : `sku-${i}`,
  nodeAgentSkuId: i % 7 === 0 ? "batch.node.windows amd64" : "batch.node.ubuntu 20.04",
  osType: i % 7 === 0 ? "windows" : "linux",
  capabilities: i % 2 === 0 ? ["DockerCompatible", "NvidiaTeslaDriverInstalled"] : ["DockerCompatible"],
  batchSupportEndOfLife: "2027-02-01T00:00:00Z",
  verificationType: "verified",
}));

const vmSizes: VmSizeFact[] = Array.from({ length: 200 }, (_, i) => ({
  name: i === 199 ? "Standard_D8s_v3" : `Standard_X${i}`,
  family: i === 199 ? "standardDSv3Family" : `family${i % 20}`,
  vCpus: 8,
  memoryGiB: 32,
  gpus: 0,
  rdma: false,
  lowPriorityCapable: true,
}));

export const realisticContext: ValidationContext = {
  now: "2026-11-23T00:00:00Z",
  accountRegion: "westeurope",
  authMode: "entra",
  supportedImages,
  vmSizes,
  quota: {
    dedicatedCores: 20_000,
    lowPriorityCores: 4_000,
    perFamilyDedicatedCores: { standardDSv3Family: 16_000 },
    usedDedicatedCores: 100,
    usedPerFamilyDedicatedCores: { standardDSv3Family: 64 },
    usedLowPriorityCores: 0,
    poolQuota: 100,
    poolCount: 12,
  },
  registries: registryHosts.map((server, i) => ({ server, status: i === 7 ? "unauthorized" : "ok" })),
  images: realisticPool.container!.prefetchImages.map((reference, i) => ({
    reference,
    status: i === 11 ? "notFound" : "found",
    entrypoint: ["/entry.sh"],
    cmd: null,
    workingDir: "/work",
  })),
  poolIdTaken: false,
};
