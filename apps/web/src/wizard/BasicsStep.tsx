import { Input, SpinButton, makeStyles, tokens } from "@fluentui/react-components";
import { IssueField } from "./IssueField";
import { leftoverIssues } from "./leftover";
import { StepIssues } from "./StepIssues";
import { useWizard } from "./WizardContext";

export const useStepStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "720px" },
  row: { display: "flex", gap: tokens.spacingHorizontalM, alignItems: "flex-end", flexWrap: "wrap" },
  grow: { flexGrow: 1, minWidth: "200px" },
  add: { alignSelf: "flex-start" },
});

export function BasicsStep() {
  const styles = useStepStyles();
  const { spec, set, issues } = useWizard();
  return (
    <div className={styles.form}>
      <IssueField path={["id"]} label="Pool id" required hint="Letters, digits, - and _; at most 64 characters. Unique in the account (case-insensitive).">
        <Input value={spec.id ?? ""} onChange={(_, d) => set(["id"], d.value)} autoFocus />
      </IssueField>
      <IssueField path={["displayName"]} label="Display name">
        <Input value={spec.displayName ?? ""} onChange={(_, d) => set(["displayName"], d.value === "" ? undefined : d.value)} />
      </IssueField>
      <IssueField path={["taskSlotsPerNode"]} label="Task slots per node" hint="How many tasks may run on one node at the same time.">
        <SpinButton
          min={1}
          max={256}
          value={spec.taskSlotsPerNode ?? 1}
          onChange={(_, d) => set(["taskSlotsPerNode"], Number(d.value ?? d.displayValue) || 1)}
        />
      </IssueField>
      <StepIssues issues={leftoverIssues(issues, "basics", [["id"], ["displayName"], ["taskSlotsPerNode"]])} />
    </div>
  );
}
