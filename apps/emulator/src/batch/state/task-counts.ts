/**
 * Per-job task and slot counts, kept up to date on every task change so GET taskcounts and the
 * onAllTasksComplete check cost O(1) for a job of 100,000 tasks.
 */
import type { TaskWire } from "../model/types";

export interface Counts {
  active: number;
  running: number;
  completed: number;
  succeeded: number;
  failed: number;
}

export const emptyCounts = (): Counts => ({ active: 0, running: 0, completed: 0, succeeded: 0, failed: 0 });

export class JobTaskCounts {
  readonly tasks = emptyCounts();
  readonly slots = emptyCounts();

  add(t: TaskWire, sign: 1 | -1): void {
    const bump = (c: Counts) => {
      if (t.state === "completed") {
        c.completed += sign;
        if (t.executionInfo.result === "failure") c.failed += sign;
        else c.succeeded += sign;
      } else if (t.state === "active") c.active += sign;
      else c.running += sign;
    };
    bump(this.tasks);
    const slots = { ...emptyCounts() };
    bump(slots);
    for (const k of Object.keys(slots) as (keyof Counts)[]) this.slots[k] += slots[k] * t.requiredSlots;
  }

  /** Tasks not yet completed. */
  get open(): number {
    return this.tasks.active + this.tasks.running;
  }
}
