import { Button, Caption1, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { DismissRegular, SearchRegular } from "@fluentui/react-icons";
import { errorMessage } from "../auth/apiError";
import { formatBytes } from "./outputSource";
import type { WholeFileSearchState } from "./wholeFileSearch";

const useStyles = makeStyles({
  band: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", padding: tokens.spacingHorizontalS },
});

/** The server search's progress and outcome under the viewer's toolbar (nothing while idle and not needed). */
export function WholeFileSearchStatus({
  state,
  query,
  offerWholeFile,
  onSearch,
  onCancel,
}: {
  state: WholeFileSearchState;
  query: string;
  /** The loaded lines have no match and more of the file is not loaded: offer to search it all. */
  offerWholeFile: boolean;
  onSearch(): void;
  onCancel(): void;
}) {
  const styles = useStyles();
  switch (state.status) {
    case "searching":
      return (
        <div className={styles.band} role="status">
          <Spinner size="extra-tiny" aria-hidden />
          <Caption1>
            Searching {state.direction === "forward" ? "onward" : "back"} through the file… {formatBytes(state.scanned)} of {formatBytes(state.total)}
          </Caption1>
          <Button size="small" icon={<DismissRegular />} onClick={onCancel}>
            Cancel search
          </Button>
        </div>
      );
    case "cancelled":
      return (
        <Caption1 className={styles.band} role="status">
          Search cancelled after {formatBytes(state.scanned)} of {formatBytes(state.total)}.
        </Caption1>
      );
    case "notFound":
      return (
        <Caption1 className={styles.band} role="status">
          “{state.query}” is not in the whole file ({formatBytes(state.total)} searched).
        </Caption1>
      );
    case "wrapped":
      return (
        <Caption1 className={styles.band} role="status">
          {state.direction === "forward" ? "No more matches after the loaded lines: back to the first one." : "No more matches before the loaded lines: on to the last one."}
        </Caption1>
      );
    case "error":
      return (
        <MessageBar intent="error">
          <MessageBarBody>Search failed: {errorMessage(state.error)}</MessageBarBody>
        </MessageBar>
      );
    default:
      return offerWholeFile && query ? (
        <div className={styles.band}>
          <Caption1>No matches in the loaded lines.</Caption1>
          <Button size="small" icon={<SearchRegular />} onClick={onSearch}>
            Search whole file
          </Button>
        </div>
      ) : null;
  }
}
