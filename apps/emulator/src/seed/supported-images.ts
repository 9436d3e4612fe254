/**
 * Batch's `GET /supportedimages` rows (ImageInformation, api-version 2022-10-01.16.0 wire shape),
 * with values as Batch lists them: container-capable images carry `DockerCompatible`; end-of-life
 * dates follow Batch's published retirements (Ubuntu 20.04: 2025-04-23, CentOS 7: 2024-06-30,
 * Ubuntu 22.04: 2027-06-30).
 */
export interface ImageInformation {
  nodeAgentSKUId: string;
  imageReference: { publisher: string; offer: string; sku: string; version: string };
  osType: "linux" | "windows";
  capabilities?: string[];
  batchSupportEndOfLife?: string;
  verificationType: "verified" | "unverified";
}

function image(
  publisher: string,
  offer: string,
  sku: string,
  nodeAgentSKUId: string,
  osType: "linux" | "windows",
  capabilities: string[],
  batchSupportEndOfLife?: string,
): ImageInformation {
  return {
    nodeAgentSKUId,
    imageReference: { publisher, offer, sku, version: "latest" },
    osType,
    ...(capabilities.length ? { capabilities } : {}),
    ...(batchSupportEndOfLife ? { batchSupportEndOfLife } : {}),
    verificationType: "verified",
  };
}

export const SEED_SUPPORTED_IMAGES: readonly ImageInformation[] = [
  // The classic container image of the Batch docs; past its end of life, so the portal warns.
  image(
    "microsoft-azure-batch",
    "ubuntu-server-container",
    "20-04-lts",
    "batch.node.ubuntu 20.04",
    "linux",
    ["DockerCompatible", "NvidiaTeslaDriverInstalled"],
    "2025-04-23T00:00:00Z",
  ),
  image(
    "microsoft-azure-batch",
    "ubuntu-server-container-rdma",
    "20-04-lts",
    "batch.node.ubuntu 20.04",
    "linux",
    ["DockerCompatible", "NvidiaTeslaDriverInstalled", "SupportsRDMAOnly"],
    "2025-04-23T00:00:00Z",
  ),
  image(
    "microsoft-azure-batch",
    "centos-container",
    "7-5",
    "batch.node.centos 7",
    "linux",
    ["DockerCompatible", "NvidiaTeslaDriverInstalled"],
    "2024-06-30T00:00:00Z",
  ),
  // Batch's recommended successors for container workloads.
  image(
    "microsoft-dsvm",
    "ubuntu-hpc",
    "2204",
    "batch.node.ubuntu 22.04",
    "linux",
    ["DockerCompatible", "SupportsRDMAOnly", "Generation2VMImage"],
    "2027-06-30T00:00:00Z",
  ),
  image("microsoft-dsvm", "ubuntu-hpc", "2404", "batch.node.ubuntu 24.04", "linux", [
    "DockerCompatible",
    "SupportsRDMAOnly",
    "Generation2VMImage",
  ]),
  // Windows containers: Windows Server with the Mirantis Container Runtime.
  image(
    "mirantis",
    "windows_2022_with_mirantis_container_runtime",
    "win_2022_mcr_20_10",
    "batch.node.windows amd64",
    "windows",
    ["DockerCompatible"],
  ),
  // Plain OS images without a container runtime.
  image(
    "canonical",
    "0001-com-ubuntu-server-jammy",
    "22_04-lts",
    "batch.node.ubuntu 22.04",
    "linux",
    [],
    "2027-06-30T00:00:00Z",
  ),
  image("canonical", "ubuntu-24_04-lts", "server", "batch.node.ubuntu 24.04", "linux", [
    "Generation2VMImage",
  ]),
  image(
    "microsoftwindowsserver",
    "windowsserver",
    "2022-datacenter",
    "batch.node.windows amd64",
    "windows",
    [],
  ),
];
