import { MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import type { ValidationIssue } from "@batch-studio/shared";
import { IssueText, issueKey } from "./IssueField";
import { formatPath } from "@batch-studio/shared";

const useStyles = makeStyles({ list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS } });

const INTENT = { error: "error", warning: "warning", info: "info" } as const;

/** Issues with no field of their own on this step (whole-pool rules, list-level rules). */
export function StepIssues({ issues, showPath = false }: { issues: readonly ValidationIssue[]; showPath?: boolean }) {
  const styles = useStyles();
  if (issues.length === 0) return null;
  return (
    <div className={styles.list}>
      {issues.map((i, k) => (
        <MessageBar key={issueKey(issues, k)} intent={INTENT[i.level]} layout="multiline">
          <MessageBarBody>
            {showPath && i.path.length > 0 && <b>{formatPath(i.path)}: </b>}
            <IssueText issue={i} />
          </MessageBarBody>
        </MessageBar>
      ))}
    </div>
  );
}
