import { Field, Input, Switch, makeStyles, tokens } from "@fluentui/react-components";
import type { TaskSpecInput, ValidationIssue } from "@batch-studio/shared";
import { fieldState } from "../components/fieldState";

const useStyles = makeStyles({
  row: { display: "grid", gridTemplateColumns: "repeat(2, minmax(0, 1fr))", gap: tokens.spacingHorizontalM },
});

type Constraints = NonNullable<TaskSpecInput["constraints"]>;
/** Which field a control changed, so only that one counts as touched. */
export type TaskLimitField = "elevated" | "requiredSlots" | keyof Constraints;
export type TaskLimits = Pick<TaskSpecInput, "constraints" | "elevated" | "requiredSlots">;

/** "3" → 3, "" → undefined (the schema's default then applies). */
const wholeNumber = (text: string): number | undefined => (/^-?\d+$/.test(text.trim()) ? Number(text) : undefined);

/**
 * How long the task may run and its files stay, how often Batch retries it, how many of a node's
 * slots it takes, and whether it runs as an administrator (Windows container tasks must).
 */
export function TaskLimitsFields({ value, issues, onChange }: { value: TaskLimits; issues: ValidationIssue[]; onChange(next: TaskLimits, field: TaskLimitField): void }) {
  const styles = useStyles();
  const constraints = value.constraints ?? {};
  const setConstraint = <K extends keyof Constraints>(field: K, v: Constraints[K]) => onChange({ ...value, constraints: { ...constraints, [field]: v } }, field);
  return (
    <>
      <div className={styles.row}>
        <Field label="Time limit" hint="ISO-8601, e.g. PT2H. Batch stops the task past it. Empty: no limit." {...fieldState(issues, "constraints.maxWallClockTime")}>
          <Input value={constraints.maxWallClockTime ?? ""} placeholder="PT2H" onChange={(_, d) => setConstraint("maxWallClockTime", d.value || undefined)} />
        </Field>
        <Field label="Keep files for" hint="ISO-8601; Batch's default is 7 days (P7D)." {...fieldState(issues, "constraints.retentionTime")}>
          <Input value={constraints.retentionTime ?? ""} placeholder="P7D" onChange={(_, d) => setConstraint("retentionTime", d.value || undefined)} />
        </Field>
        <Field label="Retries" hint="Times Batch runs it again after a failure; -1 retries forever." {...fieldState(issues, "constraints.maxTaskRetryCount")}>
          <Input type="number" value={String(constraints.maxTaskRetryCount ?? 0)} onChange={(_, d) => setConstraint("maxTaskRetryCount", wholeNumber(d.value) ?? 0)} />
        </Field>
        <Field label="Slots" hint="Task slots of its node it takes (the pool's slots per node at most)." {...fieldState(issues, "requiredSlots")}>
          <Input type="number" value={String(value.requiredSlots ?? 1)} onChange={(_, d) => onChange({ ...value, requiredSlots: wholeNumber(d.value) ?? 1 }, "requiredSlots")} />
        </Field>
      </div>
      <Field {...fieldState(issues, "elevated")}>
        <Switch label="Run elevated (as an administrator)" checked={!!value.elevated} onChange={(_, d) => onChange({ ...value, elevated: d.checked }, "elevated")} />
      </Field>
    </>
  );
}
