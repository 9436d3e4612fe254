export { exportRestJson, toRestPoolBody } from "./rest-json";
export { exportAzCli, type AzCliExport, type AzCliOptions } from "./az-cli";
export { exportPython } from "./python";
export { exportCSharp } from "./csharp";
export { passwordEnvVar, passwordEnvVars } from "./secrets";
export { seedPools } from "./seed-pools";
export {
  exportJobScheduleRestJson,
  exportJobScheduleAzCli,
  exportJobSchedulePython,
  exportJobScheduleCSharp,
  toRestJobScheduleBody,
} from "./job-schedule";
export { exportJobRestJson, exportJobAzCli, exportJobPython, exportJobCSharp } from "./job";
export { exportTaskRestJson, exportTaskAzCli, exportTaskPython, exportTaskCSharp } from "./task";
