/**
 * The Azure RBAC permission the Batch service checks for each data-plane operation of a caller
 * with an Entra ID token (Shared Key callers hold the whole account and are not checked).
 *
 * Confirmed (learn.microsoft.com/azure/batch/batch-role-based-access-control, "Assign a custom
 * role", and the Microsoft.Batch resource-provider operations list):
 * - pools: `Microsoft.Batch/batchAccounts/pools/{read,write,delete}`, control-plane actions;
 * - jobs and job schedules: `Microsoft.Batch/batchAccounts/{jobs,jobSchedules}/{read,write,delete}`,
 *   data actions (the resource-provider list marks them DataAction);
 * - certificates and applications: `Microsoft.Batch/batchAccounts/{certificates,applications}/…`;
 * - jobs that create an auto pool also need pools/write ("Jobs that use autopool require
 *   pool-level write permissions").
 *
 * Not confirmed anywhere we could find, chosen by what the operation changes:
 * - tasks and task files: the job's permission (tasks live in a job; Job Submitter, which holds
 *   only jobs/* and jobSchedules/*, is documented to "submit and manage jobs", i.e. their tasks);
 *   deleting a task or a task file is jobs/delete, every other task change jobs/write;
 * - compute nodes and node files: the pool's permission (reboot, reimage, scheduling, users and
 *   service-log uploads are pools/write; deleting a node file or a node user pools/delete;
 *   Pool_EvaluateAutoScale, a POST that changes nothing, pools/read);
 * - account-wide reads (supported images): `Microsoft.Batch/batchAccounts/read`, as the docs ask
 *   custom roles to hold it "for any read operation"; node counts and usage are pools/read, lifetime
 *   job statistics jobs/read.
 */

export type DataPlaneActionKind = "action" | "dataAction";

export interface DataPlanePermission {
  action: string;
  kind: DataPlaneActionKind;
}

const ACCOUNT = "Microsoft.Batch/batchAccounts";
const pools = (verb: "read" | "write" | "delete"): DataPlanePermission => ({
  action: `${ACCOUNT}/pools/${verb}`,
  kind: "action",
});
const jobs = (verb: "read" | "write" | "delete"): DataPlanePermission => ({
  action: `${ACCOUNT}/jobs/${verb}`,
  kind: "dataAction",
});
const schedules = (verb: "read" | "write" | "delete"): DataPlanePermission => ({
  action: `${ACCOUNT}/jobSchedules/${verb}`,
  kind: "dataAction",
});
const certificates = (verb: "read" | "write" | "delete"): DataPlanePermission => ({
  action: `${ACCOUNT}/certificates/${verb}`,
  kind: "action",
});
const applications: DataPlanePermission = { action: `${ACCOUNT}/applications/read`, kind: "action" };
const account: DataPlanePermission = { action: `${ACCOUNT}/read`, kind: "action" };

/** Operation id (batch-operations.ts) → the permission Batch checks. */
export const DATA_PLANE_PERMISSIONS: Readonly<Record<string, DataPlanePermission>> = {
  Account_ListPoolNodeCounts: pools("read"),
  Account_ListSupportedImages: account,
  Application_Get: applications,
  Application_List: applications,
  Certificate_Add: certificates("write"),
  Certificate_CancelDeletion: certificates("write"),
  Certificate_Delete: certificates("delete"),
  Certificate_Get: certificates("read"),
  Certificate_List: certificates("read"),
  ComputeNodeExtension_Get: pools("read"),
  ComputeNodeExtension_List: pools("read"),
  ComputeNode_AddUser: pools("write"),
  ComputeNode_DeleteUser: pools("delete"),
  ComputeNode_DisableScheduling: pools("write"),
  ComputeNode_EnableScheduling: pools("write"),
  ComputeNode_Get: pools("read"),
  ComputeNode_GetRemoteDesktop: pools("read"),
  ComputeNode_GetRemoteLoginSettings: pools("read"),
  ComputeNode_List: pools("read"),
  ComputeNode_Reboot: pools("write"),
  ComputeNode_Reimage: pools("write"),
  ComputeNode_UpdateUser: pools("write"),
  ComputeNode_UploadBatchServiceLogs: pools("write"),
  File_DeleteFromComputeNode: pools("delete"),
  File_DeleteFromTask: jobs("delete"),
  File_GetFromComputeNode: pools("read"),
  File_GetFromTask: jobs("read"),
  File_GetPropertiesFromComputeNode: pools("read"),
  File_GetPropertiesFromTask: jobs("read"),
  File_ListFromComputeNode: pools("read"),
  File_ListFromTask: jobs("read"),
  Job_Add: jobs("write"),
  Job_Delete: jobs("delete"),
  Job_Disable: jobs("write"),
  Job_Enable: jobs("write"),
  Job_Get: jobs("read"),
  Job_GetAllLifetimeStatistics: jobs("read"),
  Job_GetTaskCounts: jobs("read"),
  Job_List: jobs("read"),
  Job_ListFromJobSchedule: jobs("read"),
  Job_ListPreparationAndReleaseTaskStatus: jobs("read"),
  Job_Patch: jobs("write"),
  Job_Terminate: jobs("write"),
  Job_Update: jobs("write"),
  JobSchedule_Add: schedules("write"),
  JobSchedule_Delete: schedules("delete"),
  JobSchedule_Disable: schedules("write"),
  JobSchedule_Enable: schedules("write"),
  JobSchedule_Exists: schedules("read"),
  JobSchedule_Get: schedules("read"),
  JobSchedule_List: schedules("read"),
  JobSchedule_Patch: schedules("write"),
  JobSchedule_Terminate: schedules("write"),
  JobSchedule_Update: schedules("write"),
  Pool_Add: pools("write"),
  Pool_Delete: pools("delete"),
  Pool_DisableAutoScale: pools("write"),
  Pool_EnableAutoScale: pools("write"),
  Pool_EvaluateAutoScale: pools("read"),
  Pool_Exists: pools("read"),
  Pool_Get: pools("read"),
  Pool_GetAllLifetimeStatistics: pools("read"),
  Pool_List: pools("read"),
  Pool_ListUsageMetrics: pools("read"),
  Pool_Patch: pools("write"),
  Pool_RemoveNodes: pools("write"),
  Pool_Resize: pools("write"),
  Pool_StopResize: pools("write"),
  Pool_UpdateProperties: pools("write"),
  Task_Add: jobs("write"),
  Task_AddCollection: jobs("write"),
  Task_Delete: jobs("delete"),
  Task_Get: jobs("read"),
  Task_List: jobs("read"),
  Task_ListSubtasks: jobs("read"),
  Task_Reactivate: jobs("write"),
  Task_Terminate: jobs("write"),
  Task_Update: jobs("write"),
};

/** Job and job-schedule bodies that ask for an auto pool (poolInfo.autoPoolSpecification). */
function createsAutoPool(operation: string, body: unknown): boolean {
  const b = body as { poolInfo?: object; jobSpecification?: { poolInfo?: object } } | undefined;
  const poolInfo =
    operation === "Job_Add" || operation === "Job_Patch" || operation === "Job_Update"
      ? b?.poolInfo
      : operation.startsWith("JobSchedule_")
        ? b?.jobSpecification?.poolInfo
        : undefined;
  return !!poolInfo && "autoPoolSpecification" in poolInfo;
}

/** Every permission the operation needs, the operation's own first. */
export function permissionsFor(operation: string, body: unknown): DataPlanePermission[] {
  const own = DATA_PLANE_PERMISSIONS[operation];
  if (!own) return [];
  return createsAutoPool(operation, body) ? [own, pools("write")] : [own];
}
