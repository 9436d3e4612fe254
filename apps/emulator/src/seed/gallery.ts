/** Shared Image Gallery content, as `Microsoft.Compute/galleries` (api-version 2025-03-03) describes it. */
export interface SeedImageVersion {
  name: string;
  /** ARM location names with their replica counts. */
  targetRegions: { name: string; regionalReplicaCount: number }[];
  provisioningState: "Succeeded" | "Failed" | "Creating";
  publishedDate: string;
  excludeFromLatest?: boolean;
  /**
   * Replication state per region (ARM location name) as `$expand=ReplicationStatus` reports it;
   * a region not listed follows provisioningState (Succeeded → Completed, Creating → Replicating,
   * Failed → Failed).
   */
  replicationState?: Readonly<Record<string, "Replicating" | "Completed" | "Failed">>;
}

export interface SeedImageDefinition {
  name: string;
  description: string;
  osType: "Linux" | "Windows";
  osState: "Generalized" | "Specialized";
  hyperVGeneration: "V1" | "V2";
  identifier: { publisher: string; offer: string; sku: string };
  versions: SeedImageVersion[];
}

export interface SeedGallery {
  name: string;
  resourceGroup: string;
  location: string;
  description: string;
  images: SeedImageDefinition[];
}

/**
 * One gallery that shows every rule Batch applies to gallery images: a generalized Linux image
 * replicated only to West Europe (a pool in the East US account fails to allocate), a
 * generalized Windows image in both regions, and a specialized image (Batch refuses it).
 */
export const SEED_GALLERIES: readonly SeedGallery[] = [
  {
    name: "contosoImages",
    resourceGroup: "rg-images",
    location: "westeurope",
    description: "Contoso Research golden images for Batch pools",
    images: [
      {
        name: "ubuntu2004-batch-container",
        description: "Ubuntu 20.04 with Docker, the Batch node agent prerequisites and the lab's CA",
        osType: "Linux",
        osState: "Generalized",
        hyperVGeneration: "V1",
        identifier: { publisher: "contoso", offer: "ubuntu-batch-container", sku: "20-04-lts" },
        versions: [
          {
            name: "1.0.0",
            targetRegions: [{ name: "westeurope", regionalReplicaCount: 1 }],
            provisioningState: "Succeeded",
            publishedDate: "2026-03-02T09:14:00Z",
          },
          {
            name: "1.1.0",
            targetRegions: [{ name: "westeurope", regionalReplicaCount: 2 }],
            provisioningState: "Succeeded",
            publishedDate: "2026-09-18T13:40:00Z",
          },
        ],
      },
      {
        name: "windows2022-containers",
        description: "Windows Server 2022 with the Mirantis Container Runtime and build tools",
        osType: "Windows",
        osState: "Generalized",
        hyperVGeneration: "V2",
        identifier: { publisher: "contoso", offer: "windows-containers", sku: "2022-datacenter" },
        versions: [
          {
            name: "2026.10.0",
            targetRegions: [
              { name: "westeurope", regionalReplicaCount: 1 },
              { name: "eastus", regionalReplicaCount: 1 },
            ],
            provisioningState: "Succeeded",
            publishedDate: "2026-10-05T08:00:00Z",
          },
        ],
      },
      {
        name: "render-node-snapshot",
        description: "A captured render node (specialized: not usable for Batch pools)",
        osType: "Linux",
        osState: "Specialized",
        hyperVGeneration: "V2",
        identifier: { publisher: "contoso", offer: "render-node", sku: "snapshot" },
        versions: [
          {
            name: "0.9.0",
            targetRegions: [
              { name: "westeurope", regionalReplicaCount: 1 },
              { name: "eastus", regionalReplicaCount: 1 },
            ],
            provisioningState: "Succeeded",
            publishedDate: "2026-06-21T16:30:00Z",
          },
        ],
      },
    ],
  },
];
