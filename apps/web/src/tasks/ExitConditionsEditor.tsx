import { Button, Caption1, Field } from "@fluentui/react-components";
import { AddRegular, DeleteRegular } from "@fluentui/react-icons";
import {
  EXIT_ENDINGS,
  type DependencyAction,
  type ExitConditionsSpecInput,
  type ExitEnding,
  type JobAction,
  type ValidationIssue,
} from "@batch-studio/shared";
import { ChoiceDropdown } from "../components/ChoiceDropdown";
import { fieldState } from "../components/fieldState";
import { useRowEditorStyles } from "../components/rowEditorStyles";
import type { Path } from "../forms/paths";
import { WholeNumberInput } from "./WholeNumberInput";

type ExitOptions = NonNullable<ExitConditionsSpecInput["default"]>;
type CodeRow = NonNullable<ExitConditionsSpecInput["exitCodes"]>[number];
type RangeRow = NonNullable<ExitConditionsSpecInput["exitCodeRanges"]>[number];
/** Where in the exit conditions the operator changed something, so only that field counts as touched. */
export type ExitConditionsTouched = Path<ExitConditionsSpecInput>;

/** "batch" stands for an action left unset: Batch's default then applies. */
const JOB_ACTIONS: Record<JobAction | "batch", string> = {
  batch: "Batch's default",
  none: "None",
  disable: "Disable the job",
  terminate: "Terminate the job",
};
const DEPENDENCY_ACTIONS: Record<DependencyAction | "batch", string> = {
  batch: "Batch's default",
  satisfy: "Let dependent tasks run",
  block: "Block dependent tasks",
};
const ENDINGS: Record<ExitEnding, string> = {
  preProcessingError: "Pre-processing error",
  fileUploadError: "File upload error",
  default: "Any other exit code",
};

const NEW_CODE: CodeRow = { code: 1, exitOptions: {} };
const NEW_RANGE: RangeRow = { start: 1, end: 255, exitOptions: {} };

/** The options with one action set; "batch" removes it. */
function withAction(o: ExitOptions, field: "jobAction", v: JobAction | "batch"): ExitOptions;
function withAction(o: ExitOptions, field: "dependencyAction", v: DependencyAction | "batch"): ExitOptions;
function withAction(o: ExitOptions, field: keyof ExitOptions, v: string): ExitOptions {
  const { [field]: _old, ...rest } = o;
  return v === "batch" ? rest : { ...rest, [field]: v };
}

/** The dotted paths the editor shows issues at, for a form's list of the rest. */
export const exitConditionPaths = (c: ExitConditionsSpecInput | undefined): string[] => {
  const options = (at: string) => [`${at}.jobAction`, `${at}.dependencyAction`];
  return [
    ...(c?.exitCodes ?? []).flatMap((_, i) => [`exitConditions.exitCodes.${i}.code`, ...options(`exitConditions.exitCodes.${i}.exitOptions`)]),
    ...(c?.exitCodeRanges ?? []).flatMap((_, i) => [
      `exitConditions.exitCodeRanges.${i}.start`,
      `exitConditions.exitCodeRanges.${i}.end`,
      ...options(`exitConditions.exitCodeRanges.${i}.exitOptions`),
    ]),
    ...EXIT_ENDINGS.flatMap((e) => options(`exitConditions.${e}`)),
  ];
};

/** A job action and a dependency action, labelled for the row they belong to. */
function ExitOptionsFields({ label, at, value, issues, onChange }: { label: string; at: string; value: ExitOptions; issues: ValidationIssue[]; onChange(next: ExitOptions, field: keyof ExitOptions): void }) {
  return (
    <>
      <Field label={`${label} job action`} {...fieldState(issues, `${at}.jobAction`)}>
        <ChoiceDropdown choices={JOB_ACTIONS} value={value.jobAction ?? "batch"} onPick={(v) => onChange(withAction(value, "jobAction", v), "jobAction")} />
      </Field>
      <Field label={`${label} dependency action`} {...fieldState(issues, `${at}.dependencyAction`)}>
        <ChoiceDropdown choices={DEPENDENCY_ACTIONS} value={value.dependencyAction ?? "batch"} onPick={(v) => onChange(withAction(value, "dependencyAction", v), "dependencyAction")} />
      </Field>
    </>
  );
}

/**
 * What the task's ending does to its job and to the tasks waiting for it: per exit code, per range
 * of codes, and for the endings without a listed code. An empty editor sends nothing.
 */
export function ExitConditionsEditor({
  value,
  issues,
  onChange,
}: {
  value: ExitConditionsSpecInput | undefined;
  issues: ValidationIssue[];
  /** `touched` names the field the operator changed; adding or removing a row touches none. */
  onChange(next: ExitConditionsSpecInput, touched?: ExitConditionsTouched): void;
}) {
  const styles = useRowEditorStyles();
  const codes = value?.exitCodes ?? [];
  const ranges = value?.exitCodeRanges ?? [];
  const change = (patch: Partial<ExitConditionsSpecInput>, touched?: ExitConditionsTouched) => onChange({ ...value, ...patch }, touched);
  const setCode = (i: number, row: CodeRow, touched: ExitConditionsTouched) => change({ exitCodes: codes.map((r, k) => (k === i ? row : r)) }, touched);
  const setRange = (i: number, row: RangeRow, touched: ExitConditionsTouched) => change({ exitCodeRanges: ranges.map((r, k) => (k === i ? row : r)) }, touched);
  return (
    <div className={styles.list} role="group" aria-label="Exit conditions">
      {codes.map((row, i) => {
        const label = `Exit code ${i + 1}`;
        const at = `exitConditions.exitCodes.${i}`;
        return (
          <div key={`code-${i}`} className={styles.row}>
            <Field label={label} {...fieldState(issues, `${at}.code`)}>
              <WholeNumberInput value={row.code} onChange={(code) => setCode(i, { ...row, code }, ["exitCodes", i, "code"])} />
            </Field>
            <ExitOptionsFields
              label={label}
              at={`${at}.exitOptions`}
              value={row.exitOptions ?? {}}
              issues={issues}
              onChange={(exitOptions, field) => setCode(i, { ...row, exitOptions }, ["exitCodes", i, "exitOptions", field])}
            />
            <Button className={styles.remove} appearance="subtle" icon={<DeleteRegular />} onClick={() => change({ exitCodes: codes.filter((_, k) => k !== i) })}>
              Remove exit code {i + 1}
            </Button>
          </div>
        );
      })}
      {ranges.map((row, i) => {
        const label = `Range ${i + 1}`;
        const at = `exitConditions.exitCodeRanges.${i}`;
        return (
          <div key={`range-${i}`} className={styles.row}>
            <Field label={`${label} from`} {...fieldState(issues, `${at}.start`)}>
              <WholeNumberInput value={row.start} onChange={(start) => setRange(i, { ...row, start }, ["exitCodeRanges", i, "start"])} />
            </Field>
            <Field label={`${label} to`} {...fieldState(issues, `${at}.end`)}>
              <WholeNumberInput value={row.end} onChange={(end) => setRange(i, { ...row, end }, ["exitCodeRanges", i, "end"])} />
            </Field>
            <ExitOptionsFields
              label={label}
              at={`${at}.exitOptions`}
              value={row.exitOptions ?? {}}
              issues={issues}
              onChange={(exitOptions, field) => setRange(i, { ...row, exitOptions }, ["exitCodeRanges", i, "exitOptions", field])}
            />
            <Button className={styles.remove} appearance="subtle" icon={<DeleteRegular />} onClick={() => change({ exitCodeRanges: ranges.filter((_, k) => k !== i) })}>
              Remove range {i + 1}
            </Button>
          </div>
        );
      })}
      <div>
        <Button icon={<AddRegular />} onClick={() => change({ exitCodes: [...codes, NEW_CODE] })}>
          Add exit code
        </Button>{" "}
        <Button icon={<AddRegular />} onClick={() => change({ exitCodeRanges: [...ranges, NEW_RANGE] })}>
          Add exit code range
        </Button>
      </div>
      <Caption1>Endings without a listed exit code:</Caption1>
      {EXIT_ENDINGS.map((ending) => (
        <div key={ending} className={styles.row}>
          <ExitOptionsFields
            label={ENDINGS[ending]}
            at={`exitConditions.${ending}`}
            value={value?.[ending] ?? {}}
            issues={issues}
            onChange={(options, field) => change({ [ending]: options.jobAction || options.dependencyAction ? options : undefined }, [ending, field])}
          />
        </div>
      ))}
    </div>
  );
}
