import type { PoolSpec, StartTaskSpec } from "../pool-spec";
import type { ContainerConfiguration, PoolAddParameter, StartTask } from "./batch-models";
import { toApplicationPackageReferences } from "./application-packages";
import { compact, toContainerRegistry, toContainerSettings, toEnvironmentSettings } from "./container-parts";
import { toResourceFiles } from "./task-data";

/** The `@azure/batch` StartTask for pool.add and pool.patch. Contains registry passwords: never log it. */
export const toStartTask = (task: StartTaskSpec): StartTask =>
  compact({
    commandLine: task.commandLine,
    containerSettings: task.containerSettings ? toContainerSettings(task.containerSettings) : undefined,
    resourceFiles: toResourceFiles(task.resourceFiles),
    environmentSettings: toEnvironmentSettings(task.env),
    userIdentity: {
      autoUser: {
        scope: "pool" as const,
        elevationLevel: task.elevated ? ("admin" as const) : ("nonadmin" as const),
      },
    },
    maxTaskRetryCount: task.maxRetries,
    waitForSuccess: task.waitForSuccess,
  });

/**
 * A container pool always gets a containerConfiguration, even with nothing to prefetch: without
 * it the nodes have no container runtime configured and every container task fails.
 */
export const toContainerConfiguration = (
  container: NonNullable<PoolSpec["container"]>,
): ContainerConfiguration =>
  compact({
    type: "dockerCompatible" as const,
    containerImageNames: container.prefetchImages.length > 0 ? [...container.prefetchImages] : undefined,
    containerRegistries:
      container.registries.length > 0 ? container.registries.map(toContainerRegistry) : undefined,
  });

/** The `@azure/batch` body for `pool.add`. Contains registry passwords: never log it. */
export const toPoolAddParameter = (spec: PoolSpec): PoolAddParameter => {
  const image = spec.image;
  const imageReference =
    image.kind === "marketplace"
      ? { publisher: image.publisher, offer: image.offer, sku: image.sku, version: image.version }
      : { virtualMachineImageId: image.imageId };
  return compact({
    id: spec.id,
    displayName: spec.displayName,
    vmSize: spec.vmSize,
    virtualMachineConfiguration: compact({
      imageReference,
      nodeAgentSKUId: spec.nodeAgentSkuId,
      containerConfiguration: spec.container ? toContainerConfiguration(spec.container) : undefined,
    }),
    resizeTimeout: spec.scale.resizeTimeout,
    targetDedicatedNodes: spec.scale.dedicated,
    targetLowPriorityNodes: spec.scale.spot,
    startTask: spec.startTask ? toStartTask(spec.startTask) : undefined,
    applicationPackageReferences: toApplicationPackageReferences(spec.applicationPackages),
    taskSlotsPerNode: spec.taskSlotsPerNode,
    metadata:
      spec.metadata.length > 0 ? spec.metadata.map(({ name, value }) => ({ name, value })) : undefined,
  });
};
