import type { TaskSpec } from "../task-spec";
import type { ValidationContext } from "../validation-context";
import type { ValidationIssue } from "../validation-result";
import type { Rule } from "./rule";
import { runRules } from "./rule";
import { taskIdFormat, taskIdTaken } from "./rules/ids";
import { taskRules as taskAreaRules } from "./rules/task";
import { taskLimitRules } from "./rules/task-limits";
import { exitConditionRules } from "./rules/exit-conditions";
import { taskRegistryRules } from "./rules/task-registry";
import { taskDataRules } from "./rules/task-data";
import { applicationPackageRules } from "./rules/application-packages";
import { deriveTaskFacts, type TaskFacts } from "./task-facts";

export const taskRules: readonly Rule<TaskFacts>[] = [
  taskIdFormat,
  taskIdTaken,
  ...taskAreaRules,
  ...taskLimitRules,
  ...exitConditionRules,
  ...taskRegistryRules,
  ...taskDataRules<TaskFacts>(({ spec }) => ({
    dataSets: [{ at: [], resourceFiles: spec.resourceFiles, outputFiles: spec.outputFiles }],
  })),
  ...applicationPackageRules<TaskFacts>(({ spec, context }) => ({
    sets: [{ at: [], references: spec.applicationPackages }],
    applications: context.applications,
  })),
];

/**
 * Pure; `context.pool` describes the pool the task's job runs on, `context.images` its image,
 * `context.applications` the account's applications.
 */
export const validateTask = (spec: TaskSpec, context: ValidationContext = {}): ValidationIssue[] =>
  runRules(taskRules, deriveTaskFacts(spec, context));
