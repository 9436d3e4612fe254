import { Button, Field, makeStyles, tokens, type FieldProps } from "@fluentui/react-components";
import type { SpecPath, ValidationIssue } from "@batch-studio/shared";
import { issuesAt } from "./steps";
import { useWizard } from "./WizardContext";

const useStyles = makeStyles({
  message: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, alignItems: "flex-start" },
});

/** An issue's message and its one-click fix. */
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
    </>
  );
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
              <span key={`${i.code}-${k}`}>
                <IssueText issue={i} />
              </span>
            ))}
          </span>
        ) : undefined
      }
    />
  );
}
