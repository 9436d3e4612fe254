import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { ValidationIssue } from "@batch-studio/shared";

/**
 * The issues a form shows at no field of its own (rules about the whole spec, or fields it does
 * not render), as message bars before its buttons, so none is hidden from the operator.
 */
export function OtherIssues({ issues, shownAt }: { issues: readonly ValidationIssue[]; shownAt: ReadonlySet<string> }) {
  return (
    <>
      {issues
        .filter((i) => !shownAt.has(i.path.join(".")))
        .map((i, k) => (
          <MessageBar key={k} intent={i.level === "error" ? "error" : i.level === "warning" ? "warning" : "info"}>
            <MessageBarBody>{i.message}</MessageBarBody>
          </MessageBar>
        ))}
    </>
  );
}
