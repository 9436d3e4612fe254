import { PoolSpec } from "../pool-spec";

/**
 * The three example pools of Microsoft Learn "Run container applications on Azure Batch" and "Use the
 * Azure Compute Gallery to create a custom image pool", as specs: reference inputs for the exporters' golden
 * files, the wizard's examples and the emulator's demo data.
 */
export const seedPools = {
  /** "Run container applications on Azure Batch": "pool without prefetched container images", Python. */
  noPrefetchUbuntu: PoolSpec.parse({
    id: "container-pool-no-prefetch",
    vmSize: "STANDARD_D1_V2",
    image: {
      kind: "marketplace",
      publisher: "microsoft-azure-batch",
      offer: "ubuntu-server-container",
      sku: "16-04-lts",
      version: "latest",
    },
    nodeAgentSkuId: "batch.node.ubuntu 16.04",
    container: { prefetchImages: [], registries: [] },
    scale: { dedicated: 1, spot: 0, resizeTimeout: "PT15M" },
  }),
  /** "Run container applications on Azure Batch": "prefetch images from a private container registry", C#. */
  privateAcrPrefetch: PoolSpec.parse({
    id: "tensorflow-acr-pool",
    vmSize: "Standard_NC6",
    image: {
      kind: "marketplace",
      publisher: "microsoft-azure-batch",
      offer: "ubuntu-server-container",
      sku: "16-04-lts",
      version: "latest",
    },
    nodeAgentSkuId: "batch.node.ubuntu 16.04",
    container: {
      prefetchImages: ["myContainerRegistry.azurecr.io/tensorflow/tensorflow:latest-gpu"],
      registries: [
        {
          server: "myContainerRegistry.azurecr.io",
          auth: { kind: "password", username: "myUserName", password: "myPassword" },
        },
      ],
    },
    scale: { dedicated: 4, spot: 0, resizeTimeout: "PT15M" },
  }),
  /** "Use the Azure Compute Gallery to create a custom image pool": "create a pool from a shared image using
   * Python", with its start task. */
  sigWithStartTask: PoolSpec.parse({
    id: "LinuxNodesSamplePoolPython",
    vmSize: "STANDARD_D2_V3",
    image: {
      kind: "gallery",
      imageId:
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/batch-images/providers/Microsoft.Compute/galleries/batchGallery/images/ubuntu-18-04/versions/1.0.0",
    },
    nodeAgentSkuId: "batch.node.ubuntu 18.04",
    scale: { dedicated: 1, spot: 0, resizeTimeout: "PT15M" },
    startTask: { commandLine: "printenv AZ_BATCH_NODE_STARTUP_DIR", elevated: true },
  }),
} satisfies Record<string, PoolSpec>;
