import { LOCAL_TENANT_ID } from "../local-azure-constants";

/** The one subscription of the local tenant. */
export const SEED_SUBSCRIPTION = {
  subscriptionId: "5b8f2c1d-9e4a-4d3b-a6c7-8e1f0a2b3c4d",
  displayName: "Contoso Research",
  tenantId: LOCAL_TENANT_ID,
  state: "Enabled",
} as const;

export interface SeedResourceGroup {
  name: string;
  location: string;
}

/** Batch accounts live in one group, the image gallery in another (as teams usually split them). */
export const SEED_RESOURCE_GROUPS: readonly SeedResourceGroup[] = [
  { name: "rg-batch-studio", location: "westeurope" },
  { name: "rg-images", location: "westeurope" },
];
