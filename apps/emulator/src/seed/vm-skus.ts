/** One VM size Batch supports, in the shape of ARM's `Microsoft.Batch/locations/{loc}/virtualMachineSkus`. */
export interface SeedVmSku {
  name: string;
  familyName: string;
  vCPUs: number;
  memoryGB: number;
  gpus: number;
  rdma: boolean;
  lowPriorityCapable: boolean;
  /** Temporary (resource) disk, MB. */
  maxResourceVolumeMB: number;
  maxDataDiskCount: number;
  premiumIO: boolean;
  hyperVGenerations: string;
  /** Regions offering it; absent = both seeded regions. */
  locations?: string[];
}

function sku(
  name: string,
  familyName: string,
  vCPUs: number,
  memoryGB: number,
  extra: Partial<Omit<SeedVmSku, "name" | "familyName" | "vCPUs" | "memoryGB">> = {},
): SeedVmSku {
  return {
    name,
    familyName,
    vCPUs,
    memoryGB,
    gpus: 0,
    rdma: false,
    lowPriorityCapable: true,
    maxResourceVolumeMB: vCPUs * 8192,
    maxDataDiskCount: Math.min(32, vCPUs * 2),
    premiumIO: name.includes("s_") || name.endsWith("s"),
    hyperVGenerations: "V1,V2",
    ...extra,
  };
}

/** Values follow Azure's published sizes (vCPUs, memory, GPUs, RDMA) for these series. */
export const SEED_VM_SKUS: readonly SeedVmSku[] = [
  // 1 vCPU: the wizard warns that Windows container pools want multi-core sizes.
  sku("Standard_A1_v2", "standardAv2Family", 1, 2, {
    maxResourceVolumeMB: 10240,
    premiumIO: false,
    hyperVGenerations: "V1",
  }),
  sku("Standard_A2_v2", "standardAv2Family", 2, 4, {
    maxResourceVolumeMB: 20480,
    premiumIO: false,
    hyperVGenerations: "V1",
  }),
  sku("Standard_A4_v2", "standardAv2Family", 4, 8, {
    maxResourceVolumeMB: 40960,
    premiumIO: false,
    hyperVGenerations: "V1",
  }),
  sku("Standard_D2s_v3", "standardDSv3Family", 2, 8, { maxResourceVolumeMB: 16384 }),
  sku("Standard_D4s_v3", "standardDSv3Family", 4, 16, { maxResourceVolumeMB: 32768 }),
  sku("Standard_D8s_v3", "standardDSv3Family", 8, 32, { maxResourceVolumeMB: 65536 }),
  sku("Standard_D16s_v3", "standardDSv3Family", 16, 64, { maxResourceVolumeMB: 131072 }),
  sku("Standard_D2ds_v5", "standardDDSv5Family", 2, 8, { maxResourceVolumeMB: 76800 }),
  sku("Standard_D4ds_v5", "standardDDSv5Family", 4, 16, { maxResourceVolumeMB: 153600 }),
  sku("Standard_E2s_v3", "standardESv3Family", 2, 16, { maxResourceVolumeMB: 32768 }),
  sku("Standard_E4s_v3", "standardESv3Family", 4, 32, { maxResourceVolumeMB: 65536 }),
  sku("Standard_E8s_v3", "standardESv3Family", 8, 64, { maxResourceVolumeMB: 131072 }),
  sku("Standard_F2s_v2", "standardFSv2Family", 2, 4, { maxResourceVolumeMB: 16384 }),
  sku("Standard_F4s_v2", "standardFSv2Family", 4, 8, { maxResourceVolumeMB: 32768 }),
  sku("Standard_F8s_v2", "standardFSv2Family", 8, 16, { maxResourceVolumeMB: 65536 }),
  sku("Standard_NC6s_v3", "standardNCSv3Family", 6, 112, {
    gpus: 1,
    maxResourceVolumeMB: 344064,
    maxDataDiskCount: 12,
  }),
  sku("Standard_NC12s_v3", "standardNCSv3Family", 12, 224, {
    gpus: 2,
    maxResourceVolumeMB: 688128,
    maxDataDiskCount: 24,
  }),
  sku("Standard_NC4as_T4_v3", "standardNCASv3_T4Family", 4, 28, {
    gpus: 1,
    maxResourceVolumeMB: 180224,
    maxDataDiskCount: 8,
  }),
  sku("Standard_HB120rs_v2", "standardHBrsv2Family", 120, 456, {
    rdma: true,
    lowPriorityCapable: false,
    maxResourceVolumeMB: 491520,
    maxDataDiskCount: 8,
    locations: ["eastus"],
  }),
  sku("Standard_HB120rs_v3", "standardHBrsv3Family", 120, 448, {
    rdma: true,
    lowPriorityCapable: false,
    maxResourceVolumeMB: 491520,
    maxDataDiskCount: 32,
  }),
  sku("Standard_HC44rs", "standardHCSFamily", 44, 352, {
    rdma: true,
    lowPriorityCapable: false,
    maxResourceVolumeMB: 716800,
    maxDataDiskCount: 4,
    hyperVGenerations: "V1",
  }),
];

export function vmSkusIn(location: string): SeedVmSku[] {
  const loc = location.toLowerCase();
  return SEED_VM_SKUS.filter((s) => !s.locations || s.locations.includes(loc));
}
