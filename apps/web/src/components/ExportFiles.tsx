import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, Caption1, Tab, TabList, makeStyles, tokens } from "@fluentui/react-components";
import type { AzCliExport } from "@batch-studio/shared";
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

/** What one resource's exports are: the REST body, the az CLI snippet with its file, Python and C#. */
export interface Exports {
  rest: string;
  az: AzCliExport;
  python: string;
  csharp: string;
}

/** The four tabs with their file names: `noun` "job-schedule" → create-job-schedule.sh, create_job_schedule.py, CreateJobSchedule.cs. */
export function exportTabs(noun: string, restFileName: string, e: Exports): ExportTab[] {
  const words = noun.split("-");
  const pascal = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
  return [
    { id: "rest", label: "REST JSON", files: [{ name: restFileName, content: e.rest }] },
    { id: "az", label: "az CLI", files: [{ name: `create-${noun}.sh`, content: e.az.command }, { name: e.az.fileName, content: e.az.fileContent }] },
    { id: "python", label: "Python", files: [{ name: `create_${words.join("_")}.py`, content: e.python }] },
    { id: "csharp", label: "C#", files: [{ name: `Create${pascal}.cs`, content: e.csharp }] },
  ];
}

/** A form's exports, folded away below it; `tabs` is undefined while the form does not parse. */
export function ExportSection({ what, tabs }: { what: string; tabs: readonly ExportTab[] | undefined }) {
  return (
    <Accordion collapsible>
      <AccordionItem value="export">
        <AccordionHeader as="h2">Export as REST JSON, az CLI, Python or C#</AccordionHeader>
        <AccordionPanel>
          {tabs ? <ExportFiles tabs={tabs} /> : <Caption1>Fix the {what}&apos;s fields first: the exports are made from a valid {what}.</Caption1>}
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
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
