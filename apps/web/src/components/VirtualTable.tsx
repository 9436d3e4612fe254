import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { lazy, Suspense, useRef, type ReactNode } from "react";

export interface Column<T> {
  key: string;
  header: ReactNode;
  /** CSS grid track, e.g. "2fr" or "120px". */
  width: string;
  render(row: T): ReactNode;
}

const ROW_HEIGHT = 40;
/**
 * Lists up to this long render every row (400 rows × 8 cells stay well under a frame to lay out);
 * longer ones, and paged lists that grow as they scroll, render through the virtualizer.
 */
export const STATIC_ROWS_MAX = 400;
/** What a long list shows while the virtualizer's code arrives: the first screenful, same layout. */
const FIRST_SCREEN_ROWS = 30;

export const loadVirtualRows = () => import("./VirtualRows");
const VirtualRows = lazy(loadVirtualRows);

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    minHeight: 0,
  },
  table: { display: "flex", flexDirection: "column", minHeight: 0 },
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
    boxSizing: "border-box",
    height: `${ROW_HEIGHT}px`,
    padding: `0 ${tokens.spacingHorizontalM}`,
    columnGap: tokens.spacingHorizontalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  placed: { position: "absolute", left: 0, right: 0 },
  cell: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
});

/**
 * A table for lists of any length (ARIA table semantics with row indexes, so screen readers know
 * where they are in 100,000 rows). Short lists render every row; long or paged ones keep only the
 * visible rows in the DOM, and `onNearEnd` asks for the next page when the last loaded rows come
 * into view.
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
  const virtual = props.onNearEnd !== undefined || props.rows.length > STATIC_ROWS_MAX;

  const renderRow = (row: T, index: number, place?: { top: number; height: number }) => (
    <div
      role="row"
      aria-rowindex={index + 2}
      key={props.rowKey(row)}
      className={place ? mergeClasses(styles.row, styles.placed) : styles.row}
      style={{ gridTemplateColumns: template, ...place }}
    >
      {props.columns.map((c) => (
        <span role="cell" key={c.key} className={styles.cell}>
          {c.render(row)}
        </span>
      ))}
    </div>
  );
  const allRows = (rows: readonly T[]) => (
    <div role="rowgroup">{rows.map((row, i) => renderRow(row, i))}</div>
  );

  return (
    // The footer (paging status) sits outside the table role: a table may own only rows and rowgroups.
    <div className={styles.root}>
      <div
        className={styles.table}
        role="table"
        aria-label={props.label}
        aria-rowcount={(props.totalRows ?? props.rows.length) + 1}
      >
        <div role="rowgroup">
          <div
            role="row"
            aria-rowindex={1}
            className={styles.header}
            style={{ gridTemplateColumns: template }}
          >
            {props.columns.map((c) => (
              <span role="columnheader" key={c.key} className={styles.cell}>
                {c.header}
              </span>
            ))}
          </div>
        </div>
        <div
          ref={scroller}
          className={styles.scroller}
          style={{ height: props.height ?? "calc(100vh - 280px)" }}
        >
          {virtual ? (
            <Suspense fallback={allRows(props.rows.slice(0, FIRST_SCREEN_ROWS))}>
              <VirtualRows
                rows={props.rows}
                rowHeight={ROW_HEIGHT}
                scroller={scroller}
                renderRow={renderRow}
                onNearEnd={props.onNearEnd}
              />
            </Suspense>
          ) : (
            allRows(props.rows)
          )}
        </div>
      </div>
      {props.footer}
    </div>
  );
}
