import { formatIsoDuration, recommendedResizeTimeout } from "@batch-studio/shared";

/**
 * The resize dialog's hint: the shared rule's recommended timeout (15 minutes per 1,000 nodes),
 * or undefined when Batch's 15-minute default already covers the size.
 */
export function suggestedResizeTimeout(nodes: number): string | undefined {
  const ms = recommendedResizeTimeout(nodes);
  return ms > 15 * 60_000 ? formatIsoDuration(ms) : undefined;
}
