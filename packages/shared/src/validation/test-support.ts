/** Builders for rule tests: a valid container pool and task to start from, and issue filters. */
import { PoolSpec, type PoolSpecInput } from "../pool-spec";
import { TaskSpec, type TaskSpecInput } from "../task-spec";
import type { SupportedImageFact, ValidationContext, VmSizeFact } from "../validation-context";
import type { ValidationIssue } from "../validation-result";
import { validatePool } from "./validate-pool";
import { validateTask } from "./validate-task";

export const ubuntuContainerImage: SupportedImageFact = {
  publisher: "microsoft-azure-batch",
  offer: "ubuntu-server-container",
  sku: "20-04-lts",
  nodeAgentSkuId: "batch.node.ubuntu 20.04",
  osType: "linux",
  capabilities: ["DockerCompatible", "NvidiaTeslaDriverInstalled"],
  verificationType: "verified",
};

export const windowsContainerImage: SupportedImageFact = {
  publisher: "MicrosoftWindowsServer",
  offer: "WindowsServer",
  sku: "2019-datacenter-with-containers",
  nodeAgentSkuId: "batch.node.windows amd64",
  osType: "windows",
  capabilities: ["DockerCompatible"],
  verificationType: "verified",
};

export const vmSize = (name: string, more: Partial<VmSizeFact> = {}): VmSizeFact => ({
  name,
  family: "standardDv2Family",
  vCpus: 2,
  memoryGiB: 7,
  gpus: 0,
  rdma: false,
  lowPriorityCapable: true,
  ...more,
});

export const basePoolInput = (): PoolSpecInput => ({
  id: "pool1",
  vmSize: "Standard_D2_v2",
  image: {
    kind: "marketplace",
    publisher: "microsoft-azure-batch",
    offer: "ubuntu-server-container",
    sku: "20-04-lts",
  },
  nodeAgentSkuId: "batch.node.ubuntu 20.04",
  container: {
    prefetchImages: ["myacr.azurecr.io/app:1"],
    registries: [{ server: "myacr.azurecr.io", auth: { kind: "password", username: "u", password: "p" } }],
  },
  scale: { dedicated: 2, spot: 0, resizeTimeout: "PT15M" },
});

export const pool = (change: (input: PoolSpecInput) => void = () => {}): PoolSpec => {
  const input = basePoolInput();
  change(input);
  return PoolSpec.parse(input);
};

export const task = (input: Partial<TaskSpecInput> = {}): TaskSpec =>
  TaskSpec.parse({ id: "task1", ...input });

export const withCode = (issues: ValidationIssue[], code: string) => issues.filter((i) => i.code === code);

export const poolIssues = (code: string, spec: PoolSpec, context: ValidationContext = {}) =>
  withCode(validatePool(spec, context), code);
export const taskIssues = (code: string, spec: TaskSpec, context: ValidationContext = {}) =>
  withCode(validateTask(spec, context), code);
