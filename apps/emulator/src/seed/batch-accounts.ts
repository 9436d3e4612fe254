/** A Batch account as the seed describes it; ARM and the data plane both read this. */
export interface SeedBatchAccount {
  name: string;
  resourceGroup: string;
  /** ARM location name, e.g. "westeurope". */
  location: string;
  dedicatedCoreQuota: number;
  lowPriorityCoreQuota: number;
  /** Per-VM-family dedicated core quota (the account is family-enforced, as accounts created since 2019 are). */
  dedicatedCoreQuotaPerVMFamily: Record<string, number>;
  poolQuota: number;
  activeJobAndJobScheduleQuota: number;
  /** The storage account linked as the account's auto-storage account (a name in the seed's storageAccounts). */
  autoStorageAccount?: string;
}

/**
 * Two accounts in two regions. Quotas resemble a new account after a modest quota request:
 * general-purpose families raised, GPU small, and the HB (RDMA) family at 0 in West Europe so
 * the wizard's "request quota" warning can be shown.
 */
export const SEED_BATCH_ACCOUNTS: readonly SeedBatchAccount[] = [
  {
    name: "contosoweu",
    resourceGroup: "rg-batch-studio",
    location: "westeurope",
    dedicatedCoreQuota: 200,
    lowPriorityCoreQuota: 100,
    dedicatedCoreQuotaPerVMFamily: {
      standardAv2Family: 20,
      standardDSv3Family: 100,
      standardDDSv5Family: 100,
      standardESv3Family: 50,
      standardFSv2Family: 50,
      standardNCSv3Family: 24,
      standardNCASv3_T4Family: 16,
      standardHBrsv3Family: 0,
      standardHCSFamily: 0,
    },
    poolQuota: 100,
    activeJobAndJobScheduleQuota: 300,
    autoStorageAccount: "contosoweudata",
  },
  {
    name: "contosoeus",
    resourceGroup: "rg-batch-studio",
    location: "eastus",
    dedicatedCoreQuota: 500,
    lowPriorityCoreQuota: 200,
    dedicatedCoreQuotaPerVMFamily: {
      standardAv2Family: 20,
      standardDSv3Family: 200,
      standardDDSv5Family: 100,
      standardESv3Family: 100,
      standardFSv2Family: 100,
      standardNCSv3Family: 48,
      standardNCASv3_T4Family: 32,
      standardHBrsv2Family: 240,
      standardHBrsv3Family: 360,
      standardHCSFamily: 88,
    },
    poolQuota: 100,
    activeJobAndJobScheduleQuota: 300,
    autoStorageAccount: "contosoeusdata",
  },
];
