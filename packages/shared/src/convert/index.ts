export type * from "./batch-models";
export { toPoolAddParameter, toContainerConfiguration, toStartTask } from "./pool";
export { fromCloudPool, fromStartTask, type FromCloudPoolResult, type ReentryField } from "./from-cloud-pool";
export {
  toTaskAddParameter,
  toJobAddParameter,
  toJobSpecification,
  toJobManagerTask,
  toJobPreparationTask,
  toJobReleaseTask,
} from "./task";
export {
  fromCloudTask,
  fromJobManagerTask,
  fromJobPreparationTask,
  fromJobReleaseTask,
  fromJobSpecification,
} from "./from-cloud-task";
export * from "./task-data";
export { toJobScheduleAddParameter, fromCloudJobSchedule, toSchedule, fromSchedule } from "./job-schedule";
export { toApplicationPackageReferences, fromApplicationPackageReferences } from "./application-packages";
export { toExitConditions, fromExitConditions } from "./exit-conditions";
