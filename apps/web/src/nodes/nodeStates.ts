import { tokens } from "@fluentui/react-components";

/**
 * Batch has ~15 node states; the heatmap and legend group them by what an operator does next.
 * Colours are Fluent palette tokens (CSS variables), resolved to values only for the canvas.
 */
export interface NodeStateGroup {
  key: "idle" | "running" | "starting" | "failed" | "away";
  label: string;
  token: string;
  states: string[];
}

export const NODE_STATE_GROUPS: NodeStateGroup[] = [
  { key: "idle", label: "Idle", token: tokens.colorPaletteGreenBackground3, states: ["idle"] },
  { key: "running", label: "Running", token: tokens.colorBrandBackground, states: ["running"] },
  {
    key: "starting",
    label: "Starting",
    token: tokens.colorPaletteMarigoldBackground3,
    states: ["creating", "starting", "waitingforstarttask", "rebooting", "reimaging", "upgradingos", "deallocating", "deallocated"],
  },
  { key: "failed", label: "Failed", token: tokens.colorPaletteRedBackground3, states: ["starttaskfailed", "unusable", "unknown"] },
  { key: "away", label: "Leaving / offline", token: tokens.colorNeutralBackground5, states: ["leavingpool", "offline", "preempted"] },
];

export const groupOfState = (state: string): NodeStateGroup =>
  NODE_STATE_GROUPS.find((g) => g.states.includes(state.toLowerCase())) ?? NODE_STATE_GROUPS[4]!;

/** Counts per Batch state, most common first. */
export function countByState(states: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const s of states) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** "12 nodes: 8 idle, 3 running, 1 starttaskfailed" — the heatmap's text alternative. */
export function nodeSummaryText(states: readonly string[]): string {
  if (states.length === 0) return "No nodes.";
  const parts = countByState(states).map(([s, n]) => `${n} ${s}`);
  return `${states.length} node${states.length === 1 ? "" : "s"}: ${parts.join(", ")}.`;
}
