/**
 * General-purpose v2 storage accounts, one per Batch account and in its region, linked to it as its
 * auto-storage account (Microsoft Learn "Create a Batch account in the Azure portal": the linked
 * account holds application packages and is what `autoStorageContainerName` resource files read).
 * Their blob service is the local stack's Azurite; the names are Azurite accounts.
 */
export interface SeedStorageAccount {
  /** 3–24 lower-case letters and digits, as Azure requires. */
  name: string;
  resourceGroup: string;
  location: string;
}

export const SEED_STORAGE_ACCOUNTS: readonly SeedStorageAccount[] = [
  { name: "contosoweudata", resourceGroup: "rg-batch-studio", location: "westeurope" },
  { name: "contosoeusdata", resourceGroup: "rg-batch-studio", location: "eastus" },
];
