import { Caption1, Field, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { jsonPathText, parseTaskJson, type TaskSpecInput } from "@batch-studio/shared";
import { useMemo, useState } from "react";
import { ConfirmDialog } from "../components/ConfirmDialog";

const useStyles = makeStyles({
  text: { fontFamily: tokens.fontFamilyMonospace, minHeight: "200px" },
  issues: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** A picked file's text; FileReader rather than Blob.text(), which jsdom (the tests' DOM) lacks. */
const textOf = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === "string" ? reader.result : "");
    reader.onerror = () => reject(reader.error ?? new Error("unreadable"));
    reader.readAsText(file);
  });

/**
 * Fills the task form from a task as Batch's REST API takes it (pasted, or a file such as the one
 * `az batch task create --json-file` reads). What cannot be read is listed at its JSON path before
 * anything is filled; the text stays in this dialog (it may hold SAS URLs) and is never logged.
 */
export function ImportTaskJsonDialog({ onImport, onClose }: { onImport(spec: TaskSpecInput): void; onClose(): void }) {
  const styles = useStyles();
  const [text, setText] = useState("");
  const [fileProblem, setFileProblem] = useState<string>();
  const read = useMemo(() => (text.trim() ? parseTaskJson(text) : undefined), [text]);
  const pick = async (file: File | undefined) => {
    if (!file) return;
    try {
      setText(await textOf(file));
      setFileProblem(undefined);
    } catch {
      setFileProblem(`${file.name} could not be read.`);
    }
  };
  return (
    <ConfirmDialog
      title="Import a task from JSON"
      confirmLabel="Fill the form"
      disabled={!read?.spec}
      onConfirm={() => {
        if (read?.spec) onImport(read.spec);
      }}
      onClose={onClose}
    >
      <Caption1 as="p">A task as Batch&apos;s REST API takes it (TaskAddParameter: the file az batch task create --json-file reads). The form is then checked as if typed.</Caption1>
      <Field label="Task JSON">
        <Textarea className={styles.text} value={text} onChange={(_, d) => setText(d.value)} resize="vertical" />
      </Field>
      <label>
        Or choose a JSON file{" "}
        <input type="file" accept=".json,application/json" onChange={(e) => void pick(e.target.files?.[0])} />
      </label>
      {fileProblem && <p className={styles.error}>{fileProblem}</p>}
      {read && read.issues.length > 0 && (
        <ul className={styles.issues} aria-label="What the import leaves out">
          {read.issues.map((i, k) => (
            <li key={k} className={i.level === "error" ? styles.error : undefined}>
              <code>{jsonPathText(i.path)}</code>: {i.message}
            </li>
          ))}
        </ul>
      )}
    </ConfirmDialog>
  );
}
