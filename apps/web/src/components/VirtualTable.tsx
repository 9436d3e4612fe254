import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, type ReactNode } from "react";

export interface Column<T> {
  key: string;
  header: string;
  /** CSS grid track, e.g. "2fr" or "120px". */
  width: string;
  render(row: T): ReactNode;
}

const ROW_HEIGHT = 40;

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    minHeight: 0,
  },
  header: {
    display: "grid",
    alignItems: "center",
    minHeight: `${ROW_HEIGHT}px`,
    padding: `0 ${tokens.spacingHorizontalM}`,
    columnGap: tokens.spacingHorizontalM,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  scroller: { overflowY: "auto", position: "relative" },
  row: {
    display: "grid",
    alignItems: "center",
    position: "absolute",
    left: 0,
    right: 0,
    padding: `0 ${tokens.spacingHorizontalM}`,
    columnGap: tokens.spacingHorizontalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  cell: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
});

/**
 * A table that keeps only the visible rows in the DOM (ARIA table semantics with row indexes, so
 * screen readers know where they are in 100,000 rows). `onNearEnd` asks for the next page when the
 * last loaded rows come into view.
 */
export function VirtualTable<T>(props: {
  label: string;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey(row: T): string;
  /** Total rows when known (e.g. from task counts), for aria-rowcount. */
  totalRows?: number;
  height?: string;
  onNearEnd?: () => void;
  footer?: ReactNode;
}) {
  const styles = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const template = props.columns.map((c) => c.width).join(" ");
  const virtualizer = useVirtualizer({
    count: props.rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // jsdom and the first paint have no layout: render a screenful rather than nothing.
    initialRect: { width: 1000, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  const { onNearEnd, rows } = props;

  useEffect(() => {
    if (onNearEnd && last && last.index >= rows.length - 20) onNearEnd();
  }, [last, rows.length, onNearEnd]);

  return (
    <div className={styles.root} role="table" aria-label={props.label} aria-rowcount={(props.totalRows ?? props.rows.length) + 1}>
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className={styles.header} style={{ gridTemplateColumns: template }}>
          {props.columns.map((c) => (
            <span role="columnheader" key={c.key} className={styles.cell}>
              {c.header}
            </span>
          ))}
        </div>
      </div>
      <div ref={scroller} className={styles.scroller} style={{ height: props.height ?? "calc(100vh - 280px)" }}>
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((item) => {
            const row = props.rows[item.index]!;
            return (
              <div
                role="row"
                aria-rowindex={item.index + 2}
                key={props.rowKey(row)}
                className={mergeClasses(styles.row)}
                style={{ gridTemplateColumns: template, top: item.start, height: item.size }}
              >
                {props.columns.map((c) => (
                  <span role="cell" key={c.key} className={styles.cell}>
                    {c.render(row)}
                  </span>
                ))}
              </div>
            );
          })}
        </div>
      </div>
      {props.footer}
    </div>
  );
}
