import { MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { explainTaskFailure, type TaskDetails } from "@batch-studio/shared";
import { LinkButton } from "../components/LinkButton";
import { paths } from "../router/paths";

/**
 * A failed task's banner: Batch's code and message, what they mean for the task's spec (the field
 * at fault), the file that says more, and "Re-add with this fix" — the task's spec under a new id,
 * with the fix applied when one change is the likely cure and the field at fault shown at once.
 */
export function FailureBanner({ account, job, task }: { account: string; job: string; task: TaskDetails }) {
  const failure = task.failure;
  const explanation = explainTaskFailure(task);
  const readd = `${paths.newTask(account, job)}?from=${encodeURIComponent(task.id)}${explanation?.fix ? `&fix=${encodeURIComponent(explanation.code)}` : ""}`;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{explanation?.title ?? failure?.code ?? "Task failed"}</MessageBarTitle>
        {explanation && <>{explanation.detail} </>}
        {failure?.message && (
          <>
            Batch said: {failure.code ? `${failure.code}: ` : ""}
            {failure.message}
          </>
        )}
      </MessageBarBody>
      <MessageBarActions>
        {explanation?.file && <LinkButton to={paths.taskFile(account, job, task.id, explanation.file)}>Open {explanation.file}</LinkButton>}
        <LinkButton to={readd}>{explanation?.fix ? `Re-add with this fix: ${explanation.fix.label}` : "Re-add to fix"}</LinkButton>
      </MessageBarActions>
    </MessageBar>
  );
}
