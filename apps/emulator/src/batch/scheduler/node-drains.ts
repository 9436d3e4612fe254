/**
 * Waiting for a node to have nothing running: the node lifecycle waits (taskcompletion and
 * retaineddata deallocation), the task scheduler reports when a node's last execution ended.
 * Both get the same instance from the composition in ../index.ts.
 */
import type { NodeRecord } from "../model/types";

export class NodeDrains {
  private readonly waiters = new Map<NodeRecord, (() => void)[]>();

  /** Resolves at once when `busy()` is false, else when `drained(node)` is next called. */
  wait(node: NodeRecord, busy: () => boolean): Promise<void> {
    if (!busy()) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.waiters.get(node) ?? [];
      list.push(resolve);
      this.waiters.set(node, list);
    });
  }

  drained(node: NodeRecord): void {
    const list = this.waiters.get(node);
    this.waiters.delete(node);
    for (const resolve of list ?? []) resolve();
  }
}
