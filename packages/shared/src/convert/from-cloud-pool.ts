import type { PoolImage, PoolSpec, StartTaskSpec } from "../pool-spec";
import type { SpecPath } from "../validation-result";
import type { CloudPool, StartTask } from "./batch-models";
import { fromApplicationPackageReferences } from "./application-packages";
import { fromResourceFiles } from "./task-data";
import { fromContainerRegistry, fromContainerSettings, fromEnvironmentSettings } from "./container-parts";

export interface ReentryField {
  path: SpecPath;
  reason: string;
}

export type FromCloudPoolResult =
  | {
      ok: true;
      /** The pool as a spec; registry passwords are empty strings the operator must fill in. */
      spec: PoolSpec;
      /** Fields Batch does not return (registry passwords) that must be typed again before creating. */
      reentry: ReentryField[];
      /** Settings of the source pool the spec model does not express, so a clone will not copy them. */
      ignored: string[];
    }
  | { ok: false; reason: string };

const PASSWORD_REASON = "Batch never returns registry passwords; enter it again.";

const IGNORED_POOL_FIELDS = [
  "cloudServiceConfiguration",
  "enableAutoScale",
  "networkConfiguration",
  "mountConfiguration",
  "userAccounts",
  "certificateReferences",
  "applicationLicenses",
  "taskSchedulingPolicy",
  "enableInterNodeCommunication",
  "targetNodeCommunicationMode",
] as const;
/**
 * Batch echoes some settings on every pool even when nobody set them; a clone loses nothing by
 * leaving their defaults out, so they are not reported as ignored.
 */
const isBatchDefault = (field: (typeof IGNORED_POOL_FIELDS)[number], value: unknown): boolean => {
  if (field === "taskSchedulingPolicy")
    return (value as { nodeFillType?: string }).nodeFillType?.toLowerCase() === "spread";
  if (field === "targetNodeCommunicationMode") return String(value).toLowerCase() === "default";
  return false;
};

const IGNORED_VM_FIELDS = [
  "windowsConfiguration",
  "dataDisks",
  "licenseType",
  "diskEncryptionConfiguration",
  "nodePlacementConfiguration",
  "extensions",
  "osDisk",
] as const;

/** A pool's StartTask as a spec; what the spec cannot express is named in `ignored`. A password registry comes back with a blank password. */
export const fromStartTask = (task: StartTask, ignored: string[] = []): StartTaskSpec => {
  if (task.userIdentity?.userName) ignored.push("startTask.userIdentity.userName");
  const spec: StartTaskSpec = {
    commandLine: task.commandLine,
    elevated: task.userIdentity?.autoUser?.elevationLevel === "admin",
    waitForSuccess: task.waitForSuccess ?? true,
    maxRetries: task.maxTaskRetryCount ?? 0,
    env: fromEnvironmentSettings(task.environmentSettings),
  };
  if (task.containerSettings) spec.containerSettings = fromContainerSettings(task.containerSettings);
  // SAS queries are dropped (task-data.ts): a clone re-enters or re-signs them.
  const resourceFiles = fromResourceFiles(task.resourceFiles);
  if (resourceFiles) spec.resourceFiles = resourceFiles;
  return spec;
};

/** A CloudPool (from `pool.get`) back to a spec, for "clone this pool". Never throws. */
export const fromCloudPool = (pool: CloudPool): FromCloudPoolResult => {
  const vm = pool.virtualMachineConfiguration;
  if (!pool.id || !pool.vmSize) return { ok: false, reason: "the pool has no id or VM size" };
  if (!vm)
    return {
      ok: false,
      reason: "only Virtual Machine Configuration pools can be cloned (this one uses Cloud Services)",
    };
  const ref = vm.imageReference;
  let image: PoolImage;
  if (ref.virtualMachineImageId) image = { kind: "gallery", imageId: ref.virtualMachineImageId };
  else if (ref.publisher && ref.offer && ref.sku) {
    image = {
      kind: "marketplace",
      publisher: ref.publisher,
      offer: ref.offer,
      sku: ref.sku,
      version: ref.version ?? "latest",
    };
  } else
    return {
      ok: false,
      reason: "the pool's image reference is neither a Marketplace image nor a gallery image",
    };

  const ignored: string[] = [];
  for (const field of IGNORED_POOL_FIELDS)
    if (pool[field] !== undefined && pool[field] !== false && !isBatchDefault(field, pool[field]))
      ignored.push(field);
  for (const field of IGNORED_VM_FIELDS)
    if (vm[field] !== undefined) ignored.push(`virtualMachineConfiguration.${field}`);
  if (pool.identity && pool.identity.type !== "None") ignored.push("identity");

  const spec: PoolSpec = {
    id: pool.id,
    vmSize: pool.vmSize,
    image,
    nodeAgentSkuId: vm.nodeAgentSKUId,
    scale: {
      dedicated: pool.targetDedicatedNodes ?? 0,
      spot: pool.targetLowPriorityNodes ?? 0,
      resizeTimeout: pool.resizeTimeout ?? "PT15M",
    },
    taskSlotsPerNode: pool.taskSlotsPerNode ?? 1,
    metadata: (pool.metadata ?? []).map(({ name, value }) => ({ name, value })),
  };
  if (pool.displayName !== undefined) spec.displayName = pool.displayName;
  const applicationPackages = fromApplicationPackageReferences(pool.applicationPackageReferences);
  if (applicationPackages) spec.applicationPackages = applicationPackages;
  const reentry: ReentryField[] = [];
  if (vm.containerConfiguration) {
    const registries = (vm.containerConfiguration.containerRegistries ?? []).map(fromContainerRegistry);
    registries.forEach((r, i) => {
      if (r.auth.kind === "password")
        reentry.push({ path: ["container", "registries", i, "auth", "password"], reason: PASSWORD_REASON });
    });
    spec.container = {
      prefetchImages: [...(vm.containerConfiguration.containerImageNames ?? [])],
      registries,
    };
  }
  if (pool.startTask) {
    spec.startTask = fromStartTask(pool.startTask, ignored);
    if (spec.startTask.containerSettings?.registry?.auth.kind === "password") {
      reentry.push({
        path: ["startTask", "containerSettings", "registry", "auth", "password"],
        reason: PASSWORD_REASON,
      });
    }
  }
  return { ok: true, spec, reentry, ignored };
};
