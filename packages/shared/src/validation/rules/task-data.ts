import { liftRule, type Rule } from "../rule";
import type { TaskDataFacts } from "../task-data-facts";
import { outputFileRules } from "./output-files";
import { resourceFileRules } from "./resource-files";

/** The resource and output file rules, over any validator's facts that hold tasks' data files. */
export const taskDataRules = <Facts>(dataOf: (facts: Facts) => TaskDataFacts): Rule<Facts>[] =>
  [...resourceFileRules, ...outputFileRules].map((rule) => liftRule(rule, dataOf));
