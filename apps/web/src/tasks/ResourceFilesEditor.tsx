import { Button, Field, Input } from "@fluentui/react-components";
import { ChoiceDropdown } from "../components/ChoiceDropdown";
import { AddRegular } from "@fluentui/react-icons";
import type { ResourceFileSpec, ValidationIssue } from "@batch-studio/shared";
import { fieldState } from "../components/fieldState";
import { useRowEditorStyles } from "../components/rowEditorStyles";

type Source = ResourceFileSpec["source"];
/** Which part of a row changed, so only that field counts as touched. */
export type ResourceFileField = "source" | "filePath" | "fileMode";

const KINDS: Record<Source["kind"], string> = {
  autoStorage: "A container of the account's storage",
  container: "A container URL with a SAS",
  http: "One file by URL",
};

/** The dotted paths the editor shows issues at, for a form's list of the rest. */
export const resourceFilePaths = (at: readonly string[], files: readonly unknown[] | undefined): string[] =>
  (files ?? []).flatMap((_, i) => ["source.url", "source.containerUrl", "source.containerName", "source.blobPrefix", "filePath", "fileMode"].map((f) => [...at, "resourceFiles", i, f].join(".")));

/** A new row: the blobs of a container in the account's storage, which Batch reads without a SAS. */
export const NEW_RESOURCE_FILE: ResourceFileSpec = { source: { kind: "autoStorage", containerName: "" } };

const withKind = (kind: Source["kind"]): Source =>
  kind === "http" ? { kind, url: "" } : kind === "container" ? { kind, containerUrl: "" } : { kind, containerName: "" };

/** The row with an optional text set, or removed when empty (Batch then uses its default). */
const withText = (row: ResourceFileSpec, key: "filePath" | "fileMode", text: string): ResourceFileSpec => {
  const { [key]: _old, ...rest } = row;
  return text ? { ...rest, [key]: text } : rest;
};

/**
 * Files a task (or the job's own tasks) needs before its command runs: Batch downloads them into
 * the working directory — one file by URL, or every blob of a container (under a prefix), from a
 * SAS URL or from the Batch account's auto-storage account, which Batch reads itself.
 */
export function ResourceFilesEditor({
  value,
  issues,
  onChange,
  at = [],
  name = "Input",
}: {
  value: ResourceFileSpec[];
  issues: ValidationIssue[];
  onChange(next: ResourceFileSpec[], touched?: { row: number; field: ResourceFileField }): void;
  /** Where the list sits in the spec, e.g. ["jobPreparationTask"]. */
  at?: readonly string[];
  /** What each row is called in its labels: "Input 1 from", "Preparation input 1 from". */
  name?: string;
}) {
  const styles = useRowEditorStyles();
  const setRow = (i: number, field: ResourceFileField, row: ResourceFileSpec) => onChange(value.map((r, k) => (k === i ? row : r)), { row: i, field });
  const path = (i: number, ...rest: string[]) => [...at, "resourceFiles", i, ...rest].join(".");
  const setSource = (i: number, row: ResourceFileSpec, source: Source) => setRow(i, "source", { ...row, source });
  return (
    <div className={styles.list} role="group" aria-label={`${name} files`}>
      {value.map((row, i) => {
        const s = row.source;
        const n = `${name} ${i + 1}`;
        const prefix = (p: string): Source => {
          if (s.kind === "http") return s;
          const { blobPrefix: _old, ...rest } = s;
          return p ? { ...rest, blobPrefix: p } : rest;
        };
        return (
          <div key={i} className={styles.row}>
            <Field label={`${n} from`}>
              <ChoiceDropdown choices={KINDS} value={s.kind} onPick={(k) => setSource(i, row, withKind(k))} />
            </Field>
            {s.kind === "http" && (
              <Field className={styles.wide} label={`${n} URL`} {...fieldState(issues, path(i, "source", "url"))}>
                <Input type="url" value={s.url} onChange={(_, d) => setSource(i, row, { ...s, url: d.value })} />
              </Field>
            )}
            {s.kind === "container" && (
              <Field className={styles.wide} label={`${n} container URL`} hint="With a SAS that may read and list." {...fieldState(issues, path(i, "source", "containerUrl"))}>
                <Input type="url" value={s.containerUrl} onChange={(_, d) => setSource(i, row, { ...s, containerUrl: d.value })} />
              </Field>
            )}
            {s.kind === "autoStorage" && (
              <Field label={`${n} container`} {...fieldState(issues, path(i, "source", "containerName"))}>
                <Input value={s.containerName} onChange={(_, d) => setSource(i, row, { ...s, containerName: d.value })} />
              </Field>
            )}
            {s.kind !== "http" && (
              <Field label={`${n} blob prefix`} hint="Only blobs whose names start with it." {...fieldState(issues, path(i, "source", "blobPrefix"))}>
                <Input value={s.blobPrefix ?? ""} onChange={(_, d) => setSource(i, row, prefix(d.value))} />
              </Field>
            )}
            <Field label={`${n} to`} hint={s.kind === "http" ? "File path in the working directory." : "Folder in the working directory."} {...fieldState(issues, path(i, "filePath"))}>
              <Input value={row.filePath ?? ""} onChange={(_, d) => setRow(i, "filePath", withText(row, "filePath", d.value))} />
            </Field>
            <Field label={`${n} file mode`} hint="Octal, Linux only, e.g. 0755." {...fieldState(issues, path(i, "fileMode"))}>
              <Input value={row.fileMode ?? ""} placeholder="0644" onChange={(_, d) => setRow(i, "fileMode", withText(row, "fileMode", d.value))} />
            </Field>
            <Button className={styles.remove} appearance="subtle" onClick={() => onChange(value.filter((_, k) => k !== i))}>
              Remove {n.toLowerCase()}
            </Button>
          </div>
        );
      })}
      <div>
        <Button icon={<AddRegular />} onClick={() => onChange([...value, NEW_RESOURCE_FILE])}>
          Add {name.toLowerCase()} file
        </Button>
      </div>
    </div>
  );
}
