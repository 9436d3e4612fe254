import type { OutputFileSpec, ResourceFileSpec } from "../task-data-spec";
import type { SpecPath } from "../validation-result";

/**
 * One task's data files and where that task sits in the spec being validated (e.g. [] for a task,
 * ["startTask"] for a pool's start task, ["jobManagerTask"] for a job's manager), so the same data
 * rules run for every kind of task and report at the field the operator edits.
 */
export interface TaskDataSet {
  at: SpecPath;
  resourceFiles?: ResourceFileSpec[] | undefined;
  outputFiles?: OutputFileSpec[] | undefined;
}

export interface TaskDataFacts {
  dataSets: TaskDataSet[];
}
