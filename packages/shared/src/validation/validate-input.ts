import { parsePoolSpec, parseTaskSpec } from "../parse/parse-spec";
import type { ValidationContext } from "../validation-context";
import type { ValidationIssue } from "../validation-result";
import { validatePool } from "./validate-pool";
import { validateTask } from "./validate-task";

/** Any JSON in: the schema's issues when it does not parse, else the rules' issues. Never throws. */
export const validatePoolInput = (json: unknown, context: ValidationContext = {}): ValidationIssue[] => {
  const parsed = parsePoolSpec(json);
  return parsed.ok ? validatePool(parsed.value, context) : parsed.issues;
};

export const validateTaskInput = (json: unknown, context: ValidationContext = {}): ValidationIssue[] => {
  const parsed = parseTaskSpec(json);
  return parsed.ok ? validateTask(parsed.value, context) : parsed.issues;
};
