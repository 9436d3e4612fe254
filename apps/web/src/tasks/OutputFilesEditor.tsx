import { Button, Field, Input } from "@fluentui/react-components";
import { ChoiceDropdown } from "../components/ChoiceDropdown";
import { AddRegular, DeleteRegular } from "@fluentui/react-icons";
import type { OutputFileSpecInput, ValidationIssue } from "@batch-studio/shared";
import { fieldState } from "../components/fieldState";
import { useRowEditorStyles } from "../components/rowEditorStyles";

type Destination = OutputFileSpecInput["destination"];
type Condition = NonNullable<OutputFileSpecInput["uploadCondition"]>;
/** Which part of a row changed, so only that field counts as touched. */
export type OutputFileField = "filePattern" | "destination" | "uploadCondition";

const CONDITIONS: Record<Condition, string> = {
  taskSuccess: "When it succeeds",
  taskFailure: "When it fails",
  taskCompletion: "Always",
};

const KINDS = { accountStorage: "The account's storage", container: "A container URL with a SAS" } as const;

/** The dotted paths the editor shows issues at, for a form's list of the rest. */
export const outputFilePaths = (at: readonly string[], files: readonly unknown[] | undefined): string[] =>
  (files ?? []).flatMap((_, i) => ["filePattern", "destination.containerName", "destination.containerUrl", "destination.path"].map((f) => [...at, "outputFiles", i, f].join(".")));

/** A new row: the task's results to the account's storage on success, no SAS to paste. */
export const NEW_OUTPUT_FILE: OutputFileSpecInput = {
  filePattern: "",
  destination: { kind: "accountStorage", containerName: "results" },
  uploadCondition: "taskSuccess",
};

/** The destination after switching its kind: the path is kept, the rest starts empty. */
const withKind = (d: Destination, kind: Destination["kind"]): Destination => {
  const next: Destination = kind === "accountStorage" ? { kind, containerName: "" } : { kind, containerUrl: "" };
  return d.path ? { ...next, path: d.path } : next;
};

/** An empty path is no path (Batch then names blobs after the files). */
const withPath = (d: Destination, path: string): Destination => {
  const { path: _old, ...rest } = d;
  return path ? { ...rest, path } : rest;
};

/**
 * The task's output files: what to upload (a pattern relative to the working directory), where
 * (the Batch account's auto-storage account, signed by the portal, or a container SAS URL), and when.
 */
export function OutputFilesEditor({
  value,
  issues,
  onChange,
  at: base = [],
}: {
  value: OutputFileSpecInput[];
  issues: ValidationIssue[];
  /** Where the list sits in the spec, e.g. ["jobManagerTask"] (issues are matched under it). */
  at?: readonly string[];
  /** `touched` names the field the operator changed; adding or removing a row touches none. */
  onChange(next: OutputFileSpecInput[], touched?: { row: number; field: OutputFileField }): void;
}) {
  const styles = useRowEditorStyles();
  const setRow = (i: number, field: OutputFileField, row: OutputFileSpecInput) => onChange(value.map((r, k) => (k === i ? row : r)), { row: i, field });
  const at = (i: number, ...rest: string[]) => [...base, "outputFiles", i, ...rest].join(".");
  return (
    <div className={styles.list} role="group" aria-label="Output files">
      {value.map((row, i) => {
        const d = row.destination;
        const n = i + 1;
        return (
          <div key={i} className={styles.row}>
            <Field label={`Output ${n} files`} hint="e.g. out/**/*.csv, ../stdout.txt" {...fieldState(issues, at(i, "filePattern"))}>
              <Input value={row.filePattern} onChange={(_, e) => setRow(i, "filePattern", { ...row, filePattern: e.value })} />
            </Field>
            <Field label={`Output ${n} destination`}>
              <ChoiceDropdown choices={KINDS} value={d.kind} onPick={(k) => setRow(i, "destination", { ...row, destination: withKind(d, k) })} />
            </Field>
            <Field label={`Output ${n} upload`}>
              <ChoiceDropdown choices={CONDITIONS} value={row.uploadCondition ?? "taskCompletion"} onPick={(c) => setRow(i, "uploadCondition", { ...row, uploadCondition: c })} />
            </Field>
            {d.kind === "accountStorage" ? (
              <Field label={`Output ${n} container`} hint="Created if it does not exist." {...fieldState(issues, at(i, "destination", "containerName"))}>
                <Input value={d.containerName} onChange={(_, e) => setRow(i, "destination", { ...row, destination: { ...d, containerName: e.value } })} />
              </Field>
            ) : (
              <Field label={`Output ${n} container URL`} hint="With a SAS that may write." {...fieldState(issues, at(i, "destination", "containerUrl"))}>
                <Input type="url" value={d.containerUrl} onChange={(_, e) => setRow(i, "destination", { ...row, destination: { ...d, containerUrl: e.value } })} />
              </Field>
            )}
            <Field label={`Output ${n} blob path`} hint="Folder for a pattern, blob name for one file." {...fieldState(issues, at(i, "destination", "path"))}>
              <Input value={d.path ?? ""} onChange={(_, e) => setRow(i, "destination", { ...row, destination: withPath(d, e.value) })} />
            </Field>
            <Button
              className={styles.remove}
              appearance="subtle"
              icon={<DeleteRegular />}
              onClick={() => onChange(value.filter((_, k) => k !== i))}
            >
              Remove output {n}
            </Button>
          </div>
        );
      })}
      <div>
        <Button icon={<AddRegular />} onClick={() => onChange([...value, NEW_OUTPUT_FILE])}>
          Add output file
        </Button>
      </div>
    </div>
  );
}
