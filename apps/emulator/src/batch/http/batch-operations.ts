/**
 * Every operation of the Batch data plane at api-version 2022-10-01.16.0, as `@azure/batch` 10.2.0
 * sends it (operation id, method, path template; ids are the REST specification's
 * `Group_Operation` names, Azure/azure-rest-api-specs `specification/batch/data-plane`). The router
 * answers a request that fits one of these but has no emulator route with a clear "not emulated"
 * error naming the operation, instead of a 404 that reads like a missing pool.
 */
type Operation = [id: string, method: string, path: string];

export const BATCH_OPERATIONS: readonly Operation[] = [
  ["Account_ListPoolNodeCounts", "GET", "/nodecounts"],
  ["Account_ListSupportedImages", "GET", "/supportedimages"],
  ["Application_Get", "GET", "/applications/{applicationId}"],
  ["Application_List", "GET", "/applications"],
  ["Certificate_Add", "POST", "/certificates"],
  [
    "Certificate_CancelDeletion",
    "POST",
    "/certificates(thumbprintAlgorithm={thumbprintAlgorithm},thumbprint={thumbprint})/canceldelete",
  ],
  [
    "Certificate_Delete",
    "DELETE",
    "/certificates(thumbprintAlgorithm={thumbprintAlgorithm},thumbprint={thumbprint})",
  ],
  [
    "Certificate_Get",
    "GET",
    "/certificates(thumbprintAlgorithm={thumbprintAlgorithm},thumbprint={thumbprint})",
  ],
  ["Certificate_List", "GET", "/certificates"],
  ["ComputeNodeExtension_Get", "GET", "/pools/{poolId}/nodes/{nodeId}/extensions/{extensionName}"],
  ["ComputeNodeExtension_List", "GET", "/pools/{poolId}/nodes/{nodeId}/extensions"],
  ["ComputeNode_AddUser", "POST", "/pools/{poolId}/nodes/{nodeId}/users"],
  ["ComputeNode_DeleteUser", "DELETE", "/pools/{poolId}/nodes/{nodeId}/users/{userName}"],
  ["ComputeNode_DisableScheduling", "POST", "/pools/{poolId}/nodes/{nodeId}/disablescheduling"],
  ["ComputeNode_EnableScheduling", "POST", "/pools/{poolId}/nodes/{nodeId}/enablescheduling"],
  ["ComputeNode_Get", "GET", "/pools/{poolId}/nodes/{nodeId}"],
  ["ComputeNode_GetRemoteDesktop", "GET", "/pools/{poolId}/nodes/{nodeId}/rdp"],
  ["ComputeNode_GetRemoteLoginSettings", "GET", "/pools/{poolId}/nodes/{nodeId}/remoteloginsettings"],
  ["ComputeNode_List", "GET", "/pools/{poolId}/nodes"],
  ["ComputeNode_Reboot", "POST", "/pools/{poolId}/nodes/{nodeId}/reboot"],
  ["ComputeNode_Reimage", "POST", "/pools/{poolId}/nodes/{nodeId}/reimage"],
  ["ComputeNode_UpdateUser", "PUT", "/pools/{poolId}/nodes/{nodeId}/users/{userName}"],
  ["ComputeNode_UploadBatchServiceLogs", "POST", "/pools/{poolId}/nodes/{nodeId}/uploadbatchservicelogs"],
  ["File_DeleteFromComputeNode", "DELETE", "/pools/{poolId}/nodes/{nodeId}/files/{filePath}"],
  ["File_DeleteFromTask", "DELETE", "/jobs/{jobId}/tasks/{taskId}/files/{filePath}"],
  ["File_GetFromComputeNode", "GET", "/pools/{poolId}/nodes/{nodeId}/files/{filePath}"],
  ["File_GetFromTask", "GET", "/jobs/{jobId}/tasks/{taskId}/files/{filePath}"],
  ["File_GetPropertiesFromComputeNode", "HEAD", "/pools/{poolId}/nodes/{nodeId}/files/{filePath}"],
  ["File_GetPropertiesFromTask", "HEAD", "/jobs/{jobId}/tasks/{taskId}/files/{filePath}"],
  ["File_ListFromComputeNode", "GET", "/pools/{poolId}/nodes/{nodeId}/files"],
  ["File_ListFromTask", "GET", "/jobs/{jobId}/tasks/{taskId}/files"],
  ["Job_Add", "POST", "/jobs"],
  ["Job_Delete", "DELETE", "/jobs/{jobId}"],
  ["Job_Disable", "POST", "/jobs/{jobId}/disable"],
  ["Job_Enable", "POST", "/jobs/{jobId}/enable"],
  ["Job_Get", "GET", "/jobs/{jobId}"],
  ["Job_GetAllLifetimeStatistics", "GET", "/lifetimejobstats"],
  ["Job_GetTaskCounts", "GET", "/jobs/{jobId}/taskcounts"],
  ["Job_List", "GET", "/jobs"],
  ["Job_ListFromJobSchedule", "GET", "/jobschedules/{jobScheduleId}/jobs"],
  ["Job_ListPreparationAndReleaseTaskStatus", "GET", "/jobs/{jobId}/jobpreparationandreleasetaskstatus"],
  ["Job_Patch", "PATCH", "/jobs/{jobId}"],
  ["Job_Terminate", "POST", "/jobs/{jobId}/terminate"],
  ["Job_Update", "PUT", "/jobs/{jobId}"],
  ["JobSchedule_Add", "POST", "/jobschedules"],
  ["JobSchedule_Delete", "DELETE", "/jobschedules/{jobScheduleId}"],
  ["JobSchedule_Disable", "POST", "/jobschedules/{jobScheduleId}/disable"],
  ["JobSchedule_Enable", "POST", "/jobschedules/{jobScheduleId}/enable"],
  ["JobSchedule_Exists", "HEAD", "/jobschedules/{jobScheduleId}"],
  ["JobSchedule_Get", "GET", "/jobschedules/{jobScheduleId}"],
  ["JobSchedule_List", "GET", "/jobschedules"],
  ["JobSchedule_Patch", "PATCH", "/jobschedules/{jobScheduleId}"],
  ["JobSchedule_Terminate", "POST", "/jobschedules/{jobScheduleId}/terminate"],
  ["JobSchedule_Update", "PUT", "/jobschedules/{jobScheduleId}"],
  ["Pool_Add", "POST", "/pools"],
  ["Pool_Delete", "DELETE", "/pools/{poolId}"],
  ["Pool_DisableAutoScale", "POST", "/pools/{poolId}/disableautoscale"],
  ["Pool_EnableAutoScale", "POST", "/pools/{poolId}/enableautoscale"],
  ["Pool_EvaluateAutoScale", "POST", "/pools/{poolId}/evaluateautoscale"],
  ["Pool_Exists", "HEAD", "/pools/{poolId}"],
  ["Pool_Get", "GET", "/pools/{poolId}"],
  ["Pool_GetAllLifetimeStatistics", "GET", "/lifetimepoolstats"],
  ["Pool_List", "GET", "/pools"],
  ["Pool_ListUsageMetrics", "GET", "/poolusagemetrics"],
  ["Pool_Patch", "PATCH", "/pools/{poolId}"],
  ["Pool_RemoveNodes", "POST", "/pools/{poolId}/removenodes"],
  ["Pool_Resize", "POST", "/pools/{poolId}/resize"],
  ["Pool_StopResize", "POST", "/pools/{poolId}/stopresize"],
  ["Pool_UpdateProperties", "POST", "/pools/{poolId}/updateproperties"],
  ["Task_Add", "POST", "/jobs/{jobId}/tasks"],
  ["Task_AddCollection", "POST", "/jobs/{jobId}/addtaskcollection"],
  ["Task_Delete", "DELETE", "/jobs/{jobId}/tasks/{taskId}"],
  ["Task_Get", "GET", "/jobs/{jobId}/tasks/{taskId}"],
  ["Task_List", "GET", "/jobs/{jobId}/tasks"],
  ["Task_ListSubtasks", "GET", "/jobs/{jobId}/tasks/{taskId}/subtasksinfo"],
  ["Task_Reactivate", "POST", "/jobs/{jobId}/tasks/{taskId}/reactivate"],
  ["Task_Terminate", "POST", "/jobs/{jobId}/tasks/{taskId}/terminate"],
  ["Task_Update", "PUT", "/jobs/{jobId}/tasks/{taskId}"],
];

const compiled = BATCH_OPERATIONS.map(([id, method, path]) => ({
  id,
  method,
  // Literal segments compare case-insensitively, as the router's do; "{x}" is one segment.
  pattern: new RegExp(
    `^${path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[A-Za-z]+\}/g, "[^/]+")}$`,
    "i",
  ),
}));

/** The Batch operation a method and raw path (without query) is, if it is one. */
export const batchOperationOf = (method: string, path: string): string | undefined =>
  compiled.find((o) => o.method === method && o.pattern.test(path))?.id;
