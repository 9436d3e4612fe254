import { Caption1, MessageBar, MessageBarBody, MessageBarTitle, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import type { SavedOutput, SavedOutputDestination } from "@batch-studio/shared";
import { useTaskSavedOutputs } from "../api/savedOutputs";
import { ErrorState } from "../components/ErrorState";
import { RelativeTime } from "../components/RelativeTime";
import { formatBytes } from "../output/outputSource";
import { Link } from "../router";
import { paths } from "../router/paths";

const useStyles = makeStyles({
  destination: { marginBlock: tokens.spacingVerticalS },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  blobs: { listStyleType: "none", margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  blob: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "baseline" },
});

const WHEN: Record<SavedOutputDestination["uploadCondition"], string> = {
  taskSuccess: "when the task succeeds",
  taskFailure: "when the task fails",
  taskCompletion: "when the task completes",
};

/** "https://acct.blob.core.windows.net/results" + "run1" → "acct/results/run1" (what an operator recognises). */
const placeOf = (d: SavedOutputDestination): string => {
  const u = URL.canParse(d.containerUrl) ? new URL(d.containerUrl) : undefined;
  const host = u?.hostname.split(".")[0] ?? "";
  // Azure names the account in the host; a local blob service (Azurite) in the first path segment.
  const where = u ? (/^\d+\.\d+\.\d+\.\d+$|^localhost$/.test(u.hostname) ? u.pathname.slice(1) : `${host}${u.pathname}`) : d.containerUrl;
  return d.path ? `${where}/${d.path}` : where;
};

function Destination({ account, job, task, destination, items }: { account: string; job: string; task: string; destination: SavedOutputDestination; items: SavedOutput[] }) {
  const styles = useStyles();
  return (
    <div className={styles.destination}>
      <div>
        <code className={styles.mono}>{destination.filePattern}</code> → <code className={styles.mono}>{placeOf(destination)}</code>{" "}
        <Caption1>{WHEN[destination.uploadCondition]}</Caption1>
      </div>
      {destination.access === "none" ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The portal cannot read this destination</MessageBarTitle>
            {destination.reason}
          </MessageBarBody>
        </MessageBar>
      ) : items.length === 0 ? (
        <Caption1 as="p">Nothing uploaded here (yet): Batch uploads after the task&apos;s process exits, {WHEN[destination.uploadCondition]}.</Caption1>
      ) : (
        <ul className={styles.blobs}>
          {items.map((o) => (
            <li key={o.path} className={styles.blob}>
              <Link to={paths.taskSavedOutput(account, job, task, o.path)}>{o.name}</Link>
              <Caption1>{formatBytes(o.size)}</Caption1>
              <Caption1>
                <RelativeTime value={o.lastModified} />
              </Caption1>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * Where the task's output files went and the blobs there. They are read from Storage, so they
 * stay here after the container and the node are gone; a destination the portal cannot read says why.
 */
export function SavedOutputsSection({ account, job, task, taskState }: { account: string; job: string; task: string; taskState: string }) {
  const saved = useTaskSavedOutputs(account, job, task, taskState !== "completed");
  const { refetch } = saved;
  const seen = useRef(taskState);
  // Batch uploads just before the task completes: read once more when it does (not on first render).
  useEffect(() => {
    if (seen.current !== taskState && taskState === "completed") void refetch();
    seen.current = taskState;
  }, [taskState, refetch]);
  // Most tasks have no output files: nothing is drawn (not even a placeholder) until the answer says there are some.
  if (saved.isPending || saved.data?.destinations.length === 0) return null;
  return (
    <section aria-labelledby="saved-outputs">
      <Subtitle2 as="h2" id="saved-outputs">
        Saved outputs
      </Subtitle2>
      {saved.isError && <ErrorState what="saved outputs" error={saved.error} onRetry={() => saved.refetch()} />}
      {saved.data?.destinations.map((d) => (
        <Destination key={d.index} account={account} job={job} task={task} destination={d} items={saved.data.items.filter((o) => o.destination === d.index)} />
      ))}
    </section>
  );
}
