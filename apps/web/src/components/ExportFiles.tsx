import { Button, Caption1, Tab, TabList, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowDownloadRegular, CopyRegular } from "@fluentui/react-icons";
import { useState } from "react";
import { downloadText } from "./download";
import { useNotify } from "./notify";

/** One export tab (REST JSON, az CLI, Python, C#): the files it consists of. */
export interface ExportTab {
  id: "rest" | "az" | "python" | "csharp";
  label: string;
  files: { name: string; content: string }[];
}

const useStyles = makeStyles({
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    maxHeight: "360px",
    overflow: "auto",
    margin: 0,
  },
  fileHead: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
});

/**
 * The exports of a spec (pool, job, schedule, task) as tabs of files to read, copy and download.
 * Every form that creates something offers the same four, so an operator can script what they
 * just built.
 */
export function ExportFiles({ tabs }: { tabs: readonly ExportTab[] }) {
  const styles = useStyles();
  const notify = useNotify();
  const [tab, setTab] = useState<string>("rest");
  const current = tabs.find((e) => e.id === tab) ?? tabs[0];
  if (!current) return null;
  return (
    <>
      <Caption1>Registry passwords are never written into exports: each one reads them from an environment variable or a prompt.</Caption1>
      <TabList selectedValue={current.id} onTabSelect={(_, d) => setTab(String(d.value))}>
        {tabs.map((e) => (
          <Tab key={e.id} value={e.id}>
            {e.label}
          </Tab>
        ))}
      </TabList>
      {current.files.map((f) => (
        <section key={f.name} aria-label={f.name}>
          <div className={styles.fileHead}>
            <Caption1>
              <b>{f.name}</b>
            </Caption1>
            <Button
              size="small"
              icon={<CopyRegular />}
              onClick={() => void navigator.clipboard?.writeText(f.content).then(() => notify.success("Copied", f.name))}
            >
              Copy
            </Button>
            <Button size="small" icon={<ArrowDownloadRegular />} onClick={() => downloadText(f.name, f.content)}>
              Download
            </Button>
          </div>
          <pre className={styles.code} tabIndex={0}>
            {f.content}
          </pre>
        </section>
      ))}
    </>
  );
}
