export type * from "./batch-models";
export { toPoolAddParameter, toContainerConfiguration, toStartTask } from "./pool";
export { fromCloudPool, fromStartTask, type FromCloudPoolResult, type ReentryField } from "./from-cloud-pool";
export { toTaskAddParameter, toJobAddParameter } from "./task";
export { fromCloudTask } from "./from-cloud-task";
