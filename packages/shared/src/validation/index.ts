import type { RuleInfo } from "./rule";
import { poolRules } from "./validate-pool";
import { taskRules } from "./validate-task";

export type { RuleInfo, RuleArea } from "./rule";
export { validatePool, poolRules } from "./validate-pool";
export { validateTask, taskRules } from "./validate-task";
export { validatePoolInput, validateTaskInput } from "./validate-input";
export { applyFix, applyPatches } from "./apply-fix";
export { recommendedResizeTimeout } from "./rules/scale";
export { parseRunOptions, splitShellWords, type RunOptions, type RunOption } from "./run-options";

/** Every rule's code, level, summary and source, for help pages and the README. */
export const ruleCatalog = (): RuleInfo[] =>
  [...poolRules, ...taskRules].map(({ code, area, level, levels, summary, source }) =>
    levels ? { code, area, level, levels, summary, source } : { code, area, level, summary, source },
  );
