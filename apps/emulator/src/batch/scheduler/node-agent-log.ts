/**
 * What a Batch node agent would write to its own logs, per node: state changes, start task and
 * task attempts and their exits, with timestamps. ComputeNode_UploadBatchServiceLogs uploads the
 * lines of a time window. Kept in memory and bounded (the newest lines win), keyed by the node
 * record, so a node that leaves the pool takes its log with it; a restart starts empty, as the
 * emulator keeps no agent files on disk.
 */
import type { NodeRecord } from "../model/types";

/** Lines kept per node, and characters per line: at most about 1 MB per node, whatever the command lines. */
export const AGENT_LOG_LINES = 2000;
const MAX_LINE_CHARS = 500;

export interface AgentLogLine {
  /** Milliseconds since the epoch. */
  at: number;
  text: string;
}

export class NodeAgentLog {
  private readonly lines = new WeakMap<NodeRecord, AgentLogLine[]>();

  constructor(private readonly capacity = AGENT_LOG_LINES) {}

  write(node: NodeRecord, text: string, at = Date.now()): void {
    let ring = this.lines.get(node);
    if (!ring) this.lines.set(node, (ring = []));
    ring.push({ at, text: text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}…` : text });
    if (ring.length > this.capacity) ring.splice(0, ring.length - this.capacity);
  }

  /** The lines written in [from, to], oldest first. */
  between(node: NodeRecord, from: number, to = Infinity): AgentLogLine[] {
    return (this.lines.get(node) ?? []).filter((l) => l.at >= from && l.at <= to);
  }
}

/** One line as the upload writes it: ISO time, a tab, the text. */
export const formatLine = (l: AgentLogLine) => `${new Date(l.at).toISOString()}\t${l.text}`;
