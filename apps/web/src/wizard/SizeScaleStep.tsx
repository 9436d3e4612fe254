import {
  Caption1,
  Dropdown,
  Input,
  Option,
  ProgressBar,
  Radio,
  SearchBox,
  SpinButton,
  Subtitle2,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { VmSizeInfo } from "@batch-studio/shared";
import { useMemo, useState } from "react";
import { useVmSizes } from "../api/catalog";
import { ErrorState } from "../components/ErrorState";
import { TableSkeleton } from "../components/Skeletons";
import { IssueField } from "./IssueField";
import { leftoverIssues } from "./leftover";
import { StepIssues } from "./StepIssues";
import { useStepStyles } from "./BasicsStep";
import { coresNeeded, filterVmSizes, NO_FILTER } from "./vmSizeFilter";
import { useWizard } from "./WizardContext";

const useStyles = makeStyles({
  filters: { display: "flex", gap: tokens.spacingHorizontalM, flexWrap: "wrap", alignItems: "center" },
  tableWrap: { maxHeight: "320px", overflowY: "auto", border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  selected: { backgroundColor: tokens.colorBrandBackground2 },
  // Fluent tables default to equal fixed columns; size names need their width.
  table: { tableLayout: "auto" },
  quota: { minWidth: "120px" },
  scale: { display: "grid", gridTemplateColumns: "repeat(3, minmax(160px, 1fr))", gap: tokens.spacingHorizontalM, alignItems: "start" },
});

function QuotaUse({ size, used }: { size: VmSizeInfo; used: number }) {
  const styles = useStyles();
  if (size.familyCoreQuota === undefined) return <Caption1>—</Caption1>;
  const share = size.familyCoreQuota === 0 ? 1 : used / size.familyCoreQuota;
  return (
    <div className={styles.quota}>
      <ProgressBar value={Math.min(share, 1)} color={share > 1 ? "error" : share > 0.8 ? "warning" : "brand"} aria-label={`${used} of ${size.familyCoreQuota} family cores`} />
      <Caption1>
        {used} / {size.familyCoreQuota} cores
      </Caption1>
    </div>
  );
}

export function SizeScaleStep() {
  const styles = useStepStyles();
  const own = useStyles();
  const { account, spec, set, issues, facts } = useWizard();
  const sizes = useVmSizes(account);
  const [filter, setFilter] = useState(NO_FILTER);
  const all = useMemo(() => sizes.data?.items ?? [], [sizes.data]);
  const families = useMemo(() => [...new Set(all.map((s) => s.family))].sort(), [all]);
  const shown = useMemo(() => filterVmSizes(all, filter), [all, filter]);
  const dedicated = Number(spec.scale?.dedicated ?? 1);
  const usedByFamily = facts.quota?.usedPerFamilyDedicatedCores ?? {};
  const replicaAdvice = issues.filter((i) => i.code === "image.gallery.replicaPer300Nodes" || i.code === "image.gallery.noReplicaInRegion");

  return (
    <div className={styles.form} style={{ maxWidth: "1000px" }}>
      <Subtitle2 as="h2">VM size</Subtitle2>
      <div className={own.filters}>
        <SearchBox placeholder="Search sizes" aria-label="Search VM sizes" value={filter.search} onChange={(_, d) => setFilter({ ...filter, search: d.value })} />
        <Dropdown
          aria-label="VM family"
          placeholder="All families"
          value={filter.family}
          selectedOptions={[filter.family]}
          onOptionSelect={(_, d) => setFilter({ ...filter, family: d.optionValue ?? "" })}
        >
          <Option value="">All families</Option>
          {families.map((f) => (
            <Option key={f} value={f}>
              {f}
            </Option>
          ))}
        </Dropdown>
        <Switch label="GPU" checked={filter.gpu} onChange={(_, d) => setFilter({ ...filter, gpu: d.checked })} />
        <Switch label="RDMA" checked={filter.rdma} onChange={(_, d) => setFilter({ ...filter, rdma: d.checked })} />
        <Caption1>
          {shown.length} of {all.length} sizes
        </Caption1>
      </div>
      {sizes.isPending && <TableSkeleton label="Loading VM sizes" />}
      {sizes.isError && <ErrorState what="VM sizes" error={sizes.error} onRetry={() => sizes.refetch()} />}
      {sizes.data && (
        <IssueField path={["vmSize"]} label={`Selected: ${spec.vmSize || "none"}`}>
          <div className={own.tableWrap}>
            <Table size="small" aria-label="VM sizes" className={own.table}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Size</TableHeaderCell>
                  <TableHeaderCell>Family</TableHeaderCell>
                  <TableHeaderCell>vCPUs</TableHeaderCell>
                  <TableHeaderCell>Memory</TableHeaderCell>
                  <TableHeaderCell>GPUs</TableHeaderCell>
                  <TableHeaderCell>RDMA</TableHeaderCell>
                  <TableHeaderCell>Family quota (with this pool)</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {shown.map((s) => {
                  const isSelected = s.name.toLowerCase() === spec.vmSize?.toLowerCase();
                  return (
                    <TableRow key={s.name} className={isSelected ? own.selected : undefined} onClick={() => set(["vmSize"], s.name)}>
                      <TableCell>
                        <Radio name="vmSize" value={s.name} checked={isSelected} onChange={() => set(["vmSize"], s.name)} label={s.name} />
                      </TableCell>
                      <TableCell>{s.family}</TableCell>
                      <TableCell>{s.vCpus}</TableCell>
                      <TableCell>{s.memoryGiB} GiB</TableCell>
                      <TableCell>{s.gpus || "—"}</TableCell>
                      <TableCell>{s.rdma ? "Yes" : "—"}</TableCell>
                      <TableCell>
                        <QuotaUse size={s} used={(usedByFamily[s.family] ?? 0) + coresNeeded(s, dedicated)} />
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        </IssueField>
      )}

      <Subtitle2 as="h2">Scale</Subtitle2>
      <div className={own.scale}>
        <IssueField path={["scale", "dedicated"]} label="Dedicated nodes">
          <SpinButton min={0} value={dedicated} onChange={(_, d) => set(["scale", "dedicated"], Number(d.value ?? d.displayValue) || 0)} />
        </IssueField>
        <IssueField path={["scale", "spot"]} label="Spot nodes" hint="Cheaper, and may be preempted.">
          <SpinButton min={0} value={Number(spec.scale?.spot ?? 0)} onChange={(_, d) => set(["scale", "spot"], Number(d.value ?? d.displayValue) || 0)} />
        </IssueField>
        <IssueField path={["scale", "resizeTimeout"]} label="Resize timeout" hint="ISO 8601, e.g. PT15M. Batch advises 15 minutes per 1,000 nodes.">
          <Input value={spec.scale?.resizeTimeout ?? "PT15M"} onChange={(_, d) => set(["scale", "resizeTimeout"], d.value)} />
        </IssueField>
      </div>
      {replicaAdvice.length > 0 && (
        <>
          <Subtitle2 as="h2">Gallery replicas</Subtitle2>
          <StepIssues issues={replicaAdvice} />
        </>
      )}
      <StepIssues issues={leftoverIssues(issues, "size", [["vmSize"], ["scale", "dedicated"], ["scale", "spot"], ["scale", "resizeTimeout"]])} />
    </div>
  );
}
