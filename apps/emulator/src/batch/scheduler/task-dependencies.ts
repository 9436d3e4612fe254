/**
 * Whether a task's dependsOn allows it to run (Microsoft Learn "Create task dependencies to run
 * tasks that depend on other tasks"; docs/azure-batch-notes.md#task-outcomes-and-dependencies):
 * every task it names must have completed with a dependency action of satisfy, and so must the
 * tasks a range selects: those that exist and whose id is an integer inside it. Leading zeros do
 * not count (4, 04 and 004 are all task 4) and the first of them to complete that way satisfies
 * the range for 4. A named task that does not exist yet keeps the dependent waiting.
 */
import type { TaskDependenciesWire, TaskRecord } from "../model/types";

export interface TaskLookup {
  get(id: string): TaskRecord | undefined;
  values(): Iterable<TaskRecord>;
}

const INTEGER_ID = /^\d+$/;

const satisfied = (t: TaskRecord | undefined) =>
  t?.wire.state === "completed" && t.dependencyAction === "satisfy";

export function dependenciesMet(dependsOn: TaskDependenciesWire | undefined, tasks: TaskLookup): boolean {
  if (!dependsOn) return true;
  if (!(dependsOn.taskIds ?? []).every((id) => satisfied(tasks.get(id)))) return false;
  const ranges = dependsOn.taskIdRanges ?? [];
  if (ranges.length === 0) return true;
  const byNumber = new Map<number, boolean>();
  for (const t of tasks.values()) {
    if (!INTEGER_ID.test(t.wire.id)) continue;
    const n = Number(t.wire.id);
    if (ranges.some((r) => n >= r.start && n <= r.end))
      byNumber.set(n, byNumber.get(n) === true || satisfied(t));
  }
  return [...byNumber.values()].every(Boolean);
}
