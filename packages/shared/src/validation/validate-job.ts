import type { JobSpec } from "../task-spec";
import type { ValidationContext } from "../validation-context";
import type { ValidationIssue } from "../validation-result";
import { runRules, type Rule } from "./rule";
import { jobTaskRules, type JobFacts } from "./rules/job-tasks";
import { taskDataRules } from "./rules/task-data";

export const jobRules: readonly Rule<JobFacts>[] = [
  ...jobTaskRules,
  ...taskDataRules<JobFacts>(({ spec }) => ({
    dataSets: [
      {
        at: ["jobManagerTask"],
        resourceFiles: spec.jobManagerTask?.resourceFiles,
        outputFiles: spec.jobManagerTask?.outputFiles,
      },
      { at: ["jobPreparationTask"], resourceFiles: spec.jobPreparationTask?.resourceFiles },
      { at: ["jobReleaseTask"], resourceFiles: spec.jobReleaseTask?.resourceFiles },
    ],
  })),
];

/** Pure; `context.pool` describes the pool the job runs on. */
export const validateJob = (spec: JobSpec, context: ValidationContext = {}): ValidationIssue[] =>
  runRules(jobRules, { spec, pool: context.pool });
