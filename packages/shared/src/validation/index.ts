import type { RuleInfo } from "./rule";
import { poolRules } from "./validate-pool";
import { taskRules } from "./validate-task";
import { jobRules } from "./validate-job";
import { jobScheduleRules } from "./validate-job-schedule";

export type { RuleInfo, RuleArea } from "./rule";
export { validatePool, poolRules } from "./validate-pool";
export { validateTask, taskRules } from "./validate-task";
export { validateJob, jobRules } from "./validate-job";
export { validateJobSchedule, validateJobScheduleDraft, jobScheduleRules } from "./validate-job-schedule";
export { validateStartTaskUpdate, type StartTaskTarget } from "./validate-start-task";
export { validatePoolInput, validateTaskInput } from "./validate-input";
export { parsePoolParts, validatePoolDraft, type PoolParts } from "./validate-pool-draft";
export { applyFix, applyPatches } from "./apply-fix";
export { taskJobFact } from "./task-facts";
export { MINIMUM_RESIZE_TIMEOUT_MS, recommendedResizeTimeout } from "./rules/scale";
export { END_OF_LIFE_SOON_DAYS } from "./rules/marketplace-image";
export { parseRunOptions, splitShellWords, type RunOptions, type RunOption } from "./run-options";

/** Every rule's code, level, summary and source, for help pages and the README. */
export const ruleCatalog = (): RuleInfo[] =>
  // The task-data rules run in several validators; the catalog names each once.
  [...new Map([...poolRules, ...taskRules, ...jobRules, ...jobScheduleRules].map((rule) => [rule.code, rule])).values()].map(
    ({ code, area, level, levels, summary, source }) =>
      levels ? { code, area, level, levels, summary, source } : { code, area, level, summary, source },
  );
