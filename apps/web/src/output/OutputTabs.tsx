import { Tab, TabList, makeStyles, tokens } from "@fluentui/react-components";
import type { NodeFile } from "@batch-studio/shared";
import { formatBytes } from "./outputSource";

const useStyles = makeStyles({ empty: { color: tokens.colorNeutralForeground4 } });

export const STD_FILES = ["stdout.txt", "stderr.txt"] as const;

/**
 * "stdout.txt · 12 KB", "stderr.txt · empty", or "not written yet" when the file does not exist.
 * The listing is the task's cached one, where a follow stream writes the size of the file it reads
 * (api/liveTask.ts): the open file's tab and its viewer show the same size.
 */
export function fileLabel(name: string, files: readonly NodeFile[] | undefined): { text: string; empty: boolean } {
  if (!files) return { text: name, empty: false };
  const f = files.find((x) => x.name === name);
  if (!f) return { text: `${name} · not written yet`, empty: true };
  if (!f.size) return { text: `${name} · empty`, empty: true };
  return { text: `${name} · ${formatBytes(f.size)}`, empty: false };
}

/** stdout/stderr (and the open file, if another) as tabs with their sizes; empty ones are marked. */
export function OutputTabs({
  current,
  files,
  onSelect,
}: {
  current: string;
  files: readonly NodeFile[] | undefined;
  onSelect(name: string): void;
}) {
  const styles = useStyles();
  const names = STD_FILES.includes(current as (typeof STD_FILES)[number]) ? [...STD_FILES] : [...STD_FILES, current];
  return (
    <TabList selectedValue={current} onTabSelect={(_, d) => onSelect(String(d.value))} aria-label="Output files">
      {names.map((n) => {
        const label = fileLabel(n, files);
        return (
          <Tab key={n} value={n} className={label.empty ? styles.empty : undefined}>
            {label.text}
          </Tab>
        );
      })}
    </TabList>
  );
}
