import { Caption1, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { parsePoolSpec, type PoolSpec } from "@batch-studio/shared";
import { useMemo } from "react";
import { ExportFiles } from "../components/ExportFiles";
import { poolExports } from "./poolExports";
import { StepIssues } from "./StepIssues";
import { useWizard } from "./WizardContext";
import { FactList } from "../components/FactList";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "1000px" },
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
  const parsed = useMemo(() => parsePoolSpec(spec), [spec]);
  const exports = useMemo(() => (parsed.ok ? poolExports(parsed.value, accountInfo) : []), [parsed, accountInfo]);
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
      <ExportFiles tabs={exports} />
    </div>
  );
}
