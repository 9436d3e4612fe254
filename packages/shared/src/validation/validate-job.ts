import type { JobSpec } from "../task-spec";
import type { ValidationContext } from "../validation-context";
import type { ValidationIssue } from "../validation-result";
import { runRules, type Rule } from "./rule";
import { jobTaskRules, type JobFacts } from "./rules/job-tasks";
import { taskDataRules } from "./rules/task-data";
import { jobConstraintDuration } from "./rules/task-limits";
import { applicationPackageRules } from "./rules/application-packages";

export const jobRules: readonly Rule<JobFacts>[] = [
  ...jobTaskRules,
  jobConstraintDuration,
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
  // Preparation and release tasks have no references in Batch: only the manager's are checked.
  ...applicationPackageRules<JobFacts>(({ spec, applications }) => ({
    sets: [{ at: ["jobManagerTask"], references: spec.jobManagerTask?.applicationPackages }],
    applications,
  })),
];

/** Pure; `context.pool` describes the pool the job runs on, `context.applications` the account's applications. */
export const validateJob = (spec: JobSpec, context: ValidationContext = {}): ValidationIssue[] =>
  runRules(jobRules, { spec, pool: context.pool, applications: context.applications });
