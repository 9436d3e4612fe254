import { BATCH_ID_PATTERN } from "../../ids";
import type { IdPartFacts } from "../pool-facts";
import type { Rule } from "../rule";
import type { TaskFacts } from "../task-facts";

const ID_SOURCE =
  "Batch REST: ids contain letters, digits, hyphens and underscores, at most 64 characters, case-insensitive";

const idMessage = (what: string, id: string): string | undefined => {
  if (BATCH_ID_PATTERN.test(id)) return undefined;
  if (id.length === 0) return `Enter a ${what} id.`;
  if (id.length > 64) return `Shorten the ${what} id to at most 64 characters (it has ${id.length}).`;
  return `Change the ${what} id: only letters, digits, '-' and '_' are allowed.`;
};

export const poolIdFormat: Rule<IdPartFacts> = {
  code: "pool.id.format",
  area: "ids",
  level: "error",
  summary:
    "Pool id is 1-64 letters, digits, '-' or '_' (also checked by the schema; repeated for unparsed drafts).",
  source: ID_SOURCE,
  check: ({ spec }, emit) => {
    const message = idMessage("pool", spec.id);
    if (message) emit(["id"], message);
  },
};

export const poolIdTaken: Rule<IdPartFacts> = {
  code: "pool.id.taken",
  area: "ids",
  level: "error",
  summary: "A pool with this id already exists in the account (ids compare case-insensitively).",
  source: ID_SOURCE,
  check: ({ spec, context }, emit) => {
    if (context.poolIdTaken)
      emit(["id"], `A pool named "${spec.id}" already exists in this account; choose another pool id.`);
  },
};

export const taskIdFormat: Rule<TaskFacts> = {
  code: "task.id.format",
  area: "ids",
  level: "error",
  summary: "Task id is 1-64 letters, digits, '-' or '_'.",
  source: ID_SOURCE,
  check: ({ spec }, emit) => {
    const message = idMessage("task", spec.id);
    if (message) emit(["id"], message);
  },
};

export const taskIdTaken: Rule<TaskFacts> = {
  code: "task.id.taken",
  area: "ids",
  level: "error",
  summary: "A task with this id already exists in the job.",
  source: ID_SOURCE,
  check: ({ spec, context }, emit) => {
    if (context.taskIdTaken)
      emit(["id"], `The job already has a task named "${spec.id}"; choose another task id.`);
  },
};
