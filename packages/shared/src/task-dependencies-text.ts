import type { TaskDependenciesSpec } from "./task-spec";

/**
 * Task dependencies as an operator types them: ids and numeric ranges, separated by commas or
 * spaces — "prepare, 1-10, 12". A token of two numbers around one dash is a range (Batch's
 * taskIdRanges cover numeric ids); anything else is a task id, dashes and all ("frame-1").
 */
export const parseDependsOnText = (text: string): TaskDependenciesSpec => {
  const taskIds: string[] = [];
  const taskIdRanges: { start: number; end: number }[] = [];
  for (const token of text.split(/[\s,]+/).filter(Boolean)) {
    const range = /^(\d+)-(\d+)$/.exec(token);
    if (range) taskIdRanges.push({ start: Number(range[1]), end: Number(range[2]) });
    else taskIds.push(token);
  }
  return { taskIds, taskIdRanges };
};

/** The other way, for a form that starts from a spec. */
export const dependsOnText = (d: TaskDependenciesSpec | undefined): string =>
  d ? [...d.taskIds, ...d.taskIdRanges.map((r) => `${r.start}-${r.end}`)].join(", ") : "";
