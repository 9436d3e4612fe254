import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, type ReactNode, type RefObject } from "react";

/**
 * The body of a long VirtualTable: only the rows in view (plus overscan) are in the DOM. Its own
 * module because the virtualizer (~9 KB gzip) is needed only by lists longer than a screenful
 * can hold comfortably, which the pools page's first render almost never has.
 */
export default function VirtualRows<T>(props: {
  rows: readonly T[];
  rowHeight: number;
  scroller: RefObject<HTMLDivElement | null>;
  renderRow(row: T, index: number, place: { top: number; height: number }): ReactNode;
  onNearEnd?: () => void;
}) {
  const { rows, onNearEnd } = props;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => props.scroller.current,
    estimateSize: () => props.rowHeight,
    overscan: 10,
    // jsdom and the first paint have no layout: render a screenful rather than nothing.
    initialRect: { width: 1000, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];

  useEffect(() => {
    if (onNearEnd && last && last.index >= rows.length - 20) onNearEnd();
  }, [last, rows.length, onNearEnd]);

  return (
    <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
      {items.map((item) => props.renderRow(rows[item.index]!, item.index, { top: item.start, height: item.size }))}
    </div>
  );
}
