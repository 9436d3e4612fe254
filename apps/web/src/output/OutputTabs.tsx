import { Tab, TabList, makeStyles, tokens } from "@fluentui/react-components";
import type { NodeFile } from "@batch-studio/shared";
import { formatBytes } from "./outputSource";

const useStyles = makeStyles({ empty: { color: tokens.colorNeutralForeground4 } });

export const STD_FILES = ["stdout.txt", "stderr.txt"] as const;

/** The open file's size as its viewer knows it (the live stream), newer than the file listing. */
export interface LiveSize {
  name: string;
  size: number;
}

/** "stdout.txt · 12 KB", "stderr.txt · empty", or "not written yet" when the file does not exist. */
export function fileLabel(name: string, files: readonly NodeFile[] | undefined, live?: LiveSize): { text: string; empty: boolean } {
  const f = files?.find((x) => x.name === name);
  const size = live?.name === name ? Math.max(live.size, f?.size ?? 0) : f?.size;
  if (!files && size === undefined) return { text: name, empty: false };
  if (!f && live?.name !== name) return { text: `${name} · not written yet`, empty: true };
  if (!size) return { text: `${name} · empty`, empty: true };
  return { text: `${name} · ${formatBytes(size)}`, empty: false };
}

/** stdout/stderr (and the open file, if another) as tabs with their sizes; empty ones are marked. */
export function OutputTabs({
  current,
  files,
  live,
  onSelect,
}: {
  current: string;
  files: readonly NodeFile[] | undefined;
  /** While following, the stream knows the open file's size before the listing is polled again. */
  live?: LiveSize;
  onSelect(name: string): void;
}) {
  const styles = useStyles();
  const names = STD_FILES.includes(current as (typeof STD_FILES)[number]) ? [...STD_FILES] : [...STD_FILES, current];
  return (
    <TabList selectedValue={current} onTabSelect={(_, d) => onSelect(String(d.value))} aria-label="Output files">
      {names.map((n) => {
        const label = fileLabel(n, files, live);
        return (
          <Tab key={n} value={n} className={label.empty ? styles.empty : undefined}>
            {label.text}
          </Tab>
        );
      })}
    </TabList>
  );
}
