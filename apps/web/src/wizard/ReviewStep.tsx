import {
  Button,
  Caption1,
  Subtitle2,
  Tab,
  TabList,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowDownloadRegular, CopyRegular } from "@fluentui/react-icons";
import { parsePoolSpec, type PoolSpec } from "@batch-studio/shared";
import { useMemo, useState } from "react";
import { downloadText } from "../components/download";
import { useNotify } from "../components/notify";
import { poolExports } from "./poolExports";
import { StepIssues } from "./StepIssues";
import { useWizard } from "./WizardContext";
import { FactList } from "../components/FactList";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "1000px" },
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

function imageText(spec: PoolSpec): string {
  return spec.image.kind === "marketplace" ? `${spec.image.publisher} / ${spec.image.offer} / ${spec.image.sku} (${spec.image.version})` : spec.image.imageId;
}

function Summary({ spec }: { spec: PoolSpec }) {
  const rows: [string, string][] = [
    ["Pool id", spec.id],
    ["Image", imageText(spec)],
    ["Node agent", spec.nodeAgentSkuId],
    ["VM size", spec.vmSize],
    ["Nodes", `${spec.scale.dedicated} dedicated, ${spec.scale.spot} spot (resize timeout ${spec.scale.resizeTimeout})`],
    ["Prefetched images", spec.container?.prefetchImages.join(", ") || "—"],
    ["Registries", spec.container?.registries.map((r) => `${r.server} (${r.auth.kind === "password" ? `user ${r.auth.username}` : "managed identity"})`).join(", ") || "—"],
    ["Start task", spec.startTask ? spec.startTask.commandLine : "—"],
  ];
  return (
    <FactList facts={rows} />
  );
}

export function ReviewStep() {
  const styles = useStyles();
  const { spec, issues, accountInfo } = useWizard();
  const notify = useNotify();
  const parsed = useMemo(() => parsePoolSpec(spec), [spec]);
  const exports = useMemo(() => (parsed.ok ? poolExports(parsed.value, accountInfo) : []), [parsed, accountInfo]);
  const [tab, setTab] = useState<string>("rest");
  const current = exports.find((e) => e.id === tab) ?? exports[0];
  const notErrors = issues.filter((i) => i.level !== "error");
  const errors = issues.filter((i) => i.level === "error");

  return (
    <div className={styles.root}>
      {parsed.ok && <Summary spec={parsed.value} />}
      {errors.length > 0 && (
        <>
          <Subtitle2 as="h2">Errors to fix before creating</Subtitle2>
          <StepIssues issues={errors} showPath />
        </>
      )}
      <Subtitle2 as="h2">Warnings and notes ({notErrors.length})</Subtitle2>
      {notErrors.length === 0 ? <Caption1>None.</Caption1> : <StepIssues issues={notErrors} showPath />}
      <Subtitle2 as="h2">Export</Subtitle2>
      <Caption1>Registry passwords are never written into exports: each one reads them from an environment variable or a prompt.</Caption1>
      {exports.length > 0 && current && (
        <>
          <TabList selectedValue={current.id} onTabSelect={(_, d) => setTab(String(d.value))}>
            {exports.map((e) => (
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
      )}
    </div>
  );
}
