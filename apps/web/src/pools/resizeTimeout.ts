/**
 * Batch's advice for big pools: at least 15 minutes of resize timeout per 1,000 nodes. Returns the
 * ISO-8601 duration to suggest, or undefined when the 15-minute default already covers the size.
 */
export function suggestedResizeTimeout(nodes: number): string | undefined {
  const minutes = Math.ceil(nodes / 1000) * 15;
  return minutes > 15 ? `PT${minutes}M` : undefined;
}
