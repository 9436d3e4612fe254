import { Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import type { JobSpecificationInput, ValidationIssue } from "@batch-studio/shared";
import { ChoiceDropdown } from "../components/ChoiceDropdown";
import { fieldState } from "../components/fieldState";
import type { Path } from "../forms/paths";

const useStyles = makeStyles({
  row: { display: "grid", gridTemplateColumns: "repeat(3, minmax(0, 1fr))", gap: tokens.spacingHorizontalM },
});

/** The job settings Batch lets change after the job exists (Job - Patch), so new and edited jobs share them. */
export type JobSettings = Pick<JobSpecificationInput, "priority" | "maxParallelTasks" | "onAllTasksComplete" | "constraints">;

export const JOB_SETTING_PATHS = ["priority", "maxParallelTasks", "constraints.maxWallClockTime", "constraints.maxTaskRetryCount"];

const ON_ALL_COMPLETE = { noaction: "Nothing: the job stays active", terminatejob: "Terminate the job" } as const;

/** "12" → 12; "" or not a whole number → undefined (the field then shows the schema's default). */
export const wholeNumber = (text: string): number | undefined => (/^-?\d+$/.test(text.trim()) ? Number(text) : undefined);

/** Priority, parallelism, completion and the job's limits, in two rows; `extra` fills the second row's third cell. */
export function JobSettingsFields({
  value,
  issues,
  update,
  extra,
}: {
  value: JobSettings;
  issues: ValidationIssue[];
  update(fn: (v: JobSettings) => JobSettings, touched: Path<JobSettings>): void;
  extra?: React.ReactNode;
}) {
  const styles = useStyles();
  return (
    <>
      <div className={styles.row}>
        <Field label="Priority" hint="-1000 to 1000; higher runs first." {...fieldState(issues, "priority")}>
          <Input type="number" value={String(value.priority ?? 0)} onChange={(_, d) => update((s) => ({ ...s, priority: wholeNumber(d.value) ?? 0 }), ["priority"])} />
        </Field>
        <Field label="Tasks at once" hint="-1 for no limit." {...fieldState(issues, "maxParallelTasks")}>
          <Input type="number" value={String(value.maxParallelTasks ?? -1)} onChange={(_, d) => update((s) => ({ ...s, maxParallelTasks: wholeNumber(d.value) ?? -1 }), ["maxParallelTasks"])} />
        </Field>
        <Field label="When all tasks complete">
          <ChoiceDropdown choices={ON_ALL_COMPLETE} value={value.onAllTasksComplete ?? "noaction"} onPick={(v) => update((s) => ({ ...s, onAllTasksComplete: v }), ["onAllTasksComplete"])} />
        </Field>
      </div>
      <div className={styles.row}>
        <Field label="Job time limit" hint="ISO-8601, e.g. P1D; Batch then terminates the job. Empty: none." {...fieldState(issues, "constraints.maxWallClockTime")}>
          <Input
            value={value.constraints?.maxWallClockTime ?? ""}
            placeholder="P1D"
            onChange={(_, d) => update((s) => ({ ...s, constraints: { ...s.constraints, maxWallClockTime: d.value || undefined } }), ["constraints", "maxWallClockTime"])}
          />
        </Field>
        <Field label="Task retries" hint="For each task that sets none; -1 retries forever." {...fieldState(issues, "constraints.maxTaskRetryCount")}>
          <Input
            type="number"
            value={value.constraints?.maxTaskRetryCount === undefined ? "" : String(value.constraints.maxTaskRetryCount)}
            onChange={(_, d) => update((s) => ({ ...s, constraints: { ...s.constraints, maxTaskRetryCount: wholeNumber(d.value) } }), ["constraints", "maxTaskRetryCount"])}
          />
        </Field>
        {extra ?? <div />}
      </div>
    </>
  );
}
