import { exportTaskAzCli, exportTaskCSharp, exportTaskPython, exportTaskRestJson, type TaskSpec } from "@batch-studio/shared";
import { azOptions } from "../api/accountInfo";
import { exportTabs, type ExportTab } from "../components/ExportFiles";

/** The task form's export tabs for the body it would send (after the pool's registry is taken into account). */
export function taskExports(jobId: string, task: TaskSpec, account?: { name: string; resourceGroup: string }): ExportTab[] {
  return exportTabs("task", `${task.id}.json`, {
    rest: exportTaskRestJson(jobId, task),
    az: exportTaskAzCli(jobId, task, azOptions(account)),
    python: exportTaskPython(jobId, task),
    csharp: exportTaskCSharp(jobId, task),
  });
}
