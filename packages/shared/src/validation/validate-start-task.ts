import { osOfNodeAgentSku } from "../grammar/node-agent-sku";
import type { StartTaskSpec } from "../pool-spec";
import type { ValidationIssue } from "../validation-result";
import { runRules } from "./rule";
import { startTaskRules, type StartTaskFacts } from "./rules/start-task";
import { taskDataRules } from "./rules/task-data";

const startTaskUpdateRules = [
  ...startTaskRules,
  ...taskDataRules<StartTaskFacts>(({ spec }) => ({
    dataSets: [{ at: ["startTask"], resourceFiles: spec.startTask?.resourceFiles }],
  })),
];

/** What an existing pool tells about where its start task runs. */
export interface StartTaskTarget {
  /** The pool has a containerConfiguration. */
  isContainerPool: boolean;
  /** e.g. "batch.node.ubuntu 20.04": the OS the start task runs on. */
  nodeAgentSkuId?: string;
}

/**
 * The pool wizard's start task rules, for a new start task of an existing pool: the same issues at
 * the same paths (["startTask", …]) the wizard shows, so the edit dialog and the BFF agree.
 */
export const validateStartTaskUpdate = (
  startTask: StartTaskSpec,
  target: StartTaskTarget,
): ValidationIssue[] => {
  const facts: StartTaskFacts = { spec: { startTask }, isContainerPool: target.isContainerPool };
  const os = target.nodeAgentSkuId === undefined ? undefined : osOfNodeAgentSku(target.nodeAgentSkuId);
  if (os) facts.imageOs = os;
  return runRules(startTaskUpdateRules, facts);
};
