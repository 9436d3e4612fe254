import { Body1, makeStyles, tokens } from "@fluentui/react-components";
import { TableSkeleton } from "./Skeletons";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

/**
 * What a page shows while its code loads (opened by URL; in-app navigation keeps the old page up
 * meanwhile). Built from the skeleton the first route already has, so it costs no Spinner there.
 */
export function PageLoading() {
  const styles = useStyles();
  return (
    <div className={styles.root} role="status">
      <Body1>Loading…</Body1>
      <TableSkeleton rows={3} label="Loading page" />
    </div>
  );
}
