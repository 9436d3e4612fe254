import { Badge, makeStyles, tokens } from "@fluentui/react-components";
import type { TaskCounts } from "@batch-studio/shared";

const useStyles = makeStyles({ root: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" } });

/** The job's task counts from Batch's /taskcounts: cheap at any task count, never a list scan. */
export function TaskCountsBar({ counts }: { counts: TaskCounts | undefined }) {
  const styles = useStyles();
  if (!counts) return null;
  const t = counts.tasks;
  return (
    <div className={styles.root} role="group" aria-label="Task counts">
      <Badge appearance="tint" color="informative">
        {t.active.toLocaleString()} active
      </Badge>
      <Badge appearance="tint" color="brand">
        {t.running.toLocaleString()} running
      </Badge>
      <Badge appearance="tint" color="success">
        {t.succeeded.toLocaleString()} succeeded
      </Badge>
      <Badge appearance="tint" color="danger">
        {t.failed.toLocaleString()} failed
      </Badge>
      <Badge appearance="outline">{(t.active + t.running + t.completed).toLocaleString()} total</Badge>
    </div>
  );
}
