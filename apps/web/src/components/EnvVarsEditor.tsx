import { Button, Input, makeStyles, tokens } from "@fluentui/react-components";
import { AddRegular, DeleteRegular } from "@fluentui/react-icons";

const useStyles = makeStyles({
  row: { display: "grid", gridTemplateColumns: "1fr 2fr auto", gap: tokens.spacingHorizontalS, alignItems: "center" },
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, alignItems: "stretch" },
});

export interface EnvVar {
  name: string;
  value?: string;
}

/** Name/value rows: environment variables (start tasks, tasks, jobs), or a job's metadata (`noun="entry"`). */
export function EnvVarsEditor({
  value,
  onChange,
  label,
  noun = "variable",
  namePlaceholder = "NAME",
}: {
  value: EnvVar[];
  onChange(next: EnvVar[]): void;
  label: string;
  noun?: string;
  namePlaceholder?: string;
}) {
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  const styles = useStyles();
  const setRow = (i: number, row: EnvVar) => onChange(value.map((r, k) => (k === i ? row : r)));
  return (
    <div className={styles.list} role="group" aria-label={label}>
      {value.map((row, i) => (
        <div key={i} className={styles.row}>
          <Input aria-label={`${Noun} ${i + 1} name`} placeholder={namePlaceholder} value={row.name} onChange={(_, d) => setRow(i, { ...row, name: d.value })} />
          <Input aria-label={`${Noun} ${i + 1} value`} placeholder="value" value={row.value ?? ""} onChange={(_, d) => setRow(i, { ...row, value: d.value })} />
          <Button appearance="subtle" icon={<DeleteRegular />} aria-label={`Remove ${noun} ${row.name || i + 1}`} onClick={() => onChange(value.filter((_, k) => k !== i))} />
        </div>
      ))}
      <div>
        <Button icon={<AddRegular />} onClick={() => onChange([...value, { name: "", value: "" }])}>
          Add {noun}
        </Button>
      </div>
    </div>
  );
}
