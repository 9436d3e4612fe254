import { Button, Field, makeStyles, tokens, type FieldProps } from "@fluentui/react-components";
import { formatPath, type SpecPath, type ValidationIssue } from "@batch-studio/shared";
import { GalleryReplicasAction } from "./GalleryReplicasAction";
import { issuesAt } from "./steps";
import { useWizard } from "./WizardContext";

const useStyles = makeStyles({
  message: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, alignItems: "flex-start" },
});

/** An issue's message, its one-click fix, and its Azure action (which asks before it runs). */
export function IssueText({ issue }: { issue: ValidationIssue }) {
  const { applyFix } = useWizard();
  return (
    <>
      {issue.message}
      {issue.fix && (
        <>
          {" "}
          <Button size="small" appearance="outline" onClick={() => applyFix(issue.fix!)}>
            {issue.fix.label}
          </Button>
        </>
      )}
      {issue.action?.kind === "setGalleryReplicas" && (
        <>
          {" "}
          <GalleryReplicasAction action={issue.action} />
        </>
      )}
    </>
  );
}

/**
 * A key that stays with an issue while others come and go (live checks add and drop issues), so
 * an open confirmation or a running action of one issue is not reset by another's arrival.
 */
export function issueKey(issues: readonly ValidationIssue[], index: number): string {
  const issue = issues[index]!;
  const id = `${issue.code}@${formatPath(issue.path)}`;
  const before = issues.slice(0, index).filter((i) => `${i.code}@${formatPath(i.path)}` === id).length;
  return before === 0 ? id : `${id}#${before}`;
}

/**
 * A Fluent Field showing the issues at one spec path: the worst level sets the state (error,
 * warning; info shows as a plain hint), every message is listed with its fix button.
 */
export function IssueField({ path, extraIssues = [], ...props }: FieldProps & { path: SpecPath; extraIssues?: ValidationIssue[] }) {
  const styles = useStyles();
  const { issues } = useWizard();
  const here = [...issuesAt(issues, path), ...extraIssues];
  const state = here.some((i) => i.level === "error") ? "error" : here.some((i) => i.level === "warning") ? "warning" : here.length ? "none" : undefined;
  return (
    <Field
      {...props}
      validationState={state}
      validationMessage={
        here.length > 0 ? (
          <span className={styles.message}>
            {here.map((i, k) => (
              <span key={issueKey(here, k)}>
                <IssueText issue={i} />
              </span>
            ))}
          </span>
        ) : undefined
      }
    />
  );
}
