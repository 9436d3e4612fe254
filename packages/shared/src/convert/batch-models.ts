/**
 * The @azure/batch 10.2.0 model types we convert to and from. Type-only: the SDK stays a dev
 * dependency of this package (the BFF owns the runtime client).
 */
import type { BatchServiceModels } from "@azure/batch";

export type PoolAddParameter = BatchServiceModels.PoolAddParameter;
export type CloudPool = BatchServiceModels.CloudPool;
export type TaskAddParameter = BatchServiceModels.TaskAddParameter;
export type CloudTask = BatchServiceModels.CloudTask;
export type JobAddParameter = BatchServiceModels.JobAddParameter;
export type ContainerRegistry = BatchServiceModels.ContainerRegistry;
export type TaskContainerSettings = BatchServiceModels.TaskContainerSettings;
export type StartTask = BatchServiceModels.StartTask;
export type EnvironmentSetting = BatchServiceModels.EnvironmentSetting;
export type ApplicationPackageReference = BatchServiceModels.ApplicationPackageReference;
export type ApplicationSummary = BatchServiceModels.ApplicationSummary;

/**
 * 10.2.0's ContainerConfiguration type has no `type` field because its serializer always sends
 * "dockerCompatible"; we set it anyway so the object is also the REST wire shape.
 */
export type ContainerConfiguration = BatchServiceModels.ContainerConfiguration & { type: "dockerCompatible" };
export type ResourceFile = BatchServiceModels.ResourceFile;
export type OutputFile = BatchServiceModels.OutputFile;
export type JobManagerTask = BatchServiceModels.JobManagerTask;
export type JobPreparationTask = BatchServiceModels.JobPreparationTask;
export type JobReleaseTask = BatchServiceModels.JobReleaseTask;
export type CloudJob = BatchServiceModels.CloudJob;
export type JobSpecification = BatchServiceModels.JobSpecification;
export type JobScheduleAddParameter = BatchServiceModels.JobScheduleAddParameter;
export type CloudJobSchedule = BatchServiceModels.CloudJobSchedule;
export type Schedule = BatchServiceModels.Schedule;
