import type { Availability } from "../components/ActionButtons";
import { GatedButton } from "../components/GatedButton";
import { useRouteGate } from "../api/permissions";
import {
  Button,
  Card,
  CardHeader,
  Caption1,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowDownloadRegular, CopyRegular, DeleteRegular, EditRegular, ResizeRegular } from "@fluentui/react-icons";
import type { NodeSummary, PoolDetails } from "@batch-studio/shared";
import { useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "../router";
import { poolSpecQuery, useNodes, usePool } from "../api/pools";
import { useApi } from "../auth/AuthContext";
import { paths } from "../router/paths";
import { downloadText } from "../components/download";
import { ErrorState } from "../components/ErrorState";
import { useNotify } from "../components/notify";
import { PageHeader } from "../components/PageHeader";
import { RelativeTime } from "../components/RelativeTime";
import { TableSkeleton } from "../components/Skeletons";
import { StateBadge } from "../components/StateBadge";
import { VirtualTable, type Column } from "../components/VirtualTable";
import { NodeHeatmap } from "../nodes/NodeHeatmap";
import { DeletePoolDialog } from "./DeletePoolDialog";
import { ResizePoolDialog } from "./ResizePoolDialog";
import { FactList } from "../components/FactList";

/** On demand: the dialog brings the shared schema and rules (zod), which the pool page itself does not need. */
const StartTaskDialog = lazy(() => import("./StartTaskDialog").then((m) => ({ default: m.StartTaskDialog })));

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "minmax(0, 2fr) minmax(260px, 1fr)", gap: tokens.spacingHorizontalL, alignItems: "start" },
});

/** Allocation progress: nodes that are up (not starting) out of the target. */
export function allocationProgress(pool: PoolDetails): { value: number; label: string } | undefined {
  const target = pool.targetDedicatedNodes + pool.targetSpotNodes;
  const current = pool.currentDedicatedNodes + pool.currentSpotNodes;
  if (pool.allocationState !== "resizing" && current === target) return undefined;
  if (target === 0) return { value: 1, label: `Shrinking to 0 nodes (${current} left)` };
  return { value: Math.min(current / target, 1), label: `${current} of ${target} nodes allocated` };
}

export function nodeColumns(account: string, pool: string): Column<NodeSummary>[] {
  return [
    { key: "id", header: "Node", width: "minmax(200px, 2fr)", render: (n) => <Link to={paths.node(account, pool, n.id)}>{n.id}</Link> },
    { key: "state", header: "State", width: "150px", render: (n) => <StateBadge state={n.state} /> },
    { key: "kind", header: "Kind", width: "90px", render: (n) => (n.isDedicated === false ? "Spot" : "Dedicated") },
    { key: "ip", header: "IP", width: "120px", render: (n) => n.ipAddress ?? "—" },
    { key: "tasks", header: "Running tasks", width: "110px", render: (n) => n.runningTasksCount ?? 0 },
    { key: "since", header: "State since", width: "130px", render: (n) => <RelativeTime value={n.stateTransitionTime} /> },
  ];
}

function StartTaskFailureBanner({ account, pool, failed, onEdit, editGate }: { account: string; pool: string; failed: NodeSummary[]; onEdit(): void; editGate: Availability }) {
  const navigate = useNavigate();
  const first = failed[0]!;
  const info = first.startTask;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>
          The start task failed on {failed.length} node{failed.length === 1 ? "" : "s"}
        </MessageBarTitle>
        {info?.failureMessage ?? `Exit code ${info?.exitCode ?? "unknown"}`}. Nodes stay unusable for tasks until the start task succeeds.
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={() => navigate(paths.nodeFile(account, pool, first.id, "startup/stderr.txt"))}>Open start task output</Button>
        <GatedButton gate={editGate} onClick={onEdit}>
          Edit start task
        </GatedButton>
      </MessageBarActions>
    </MessageBar>
  );
}

export default function PoolPage() {
  const styles = useStyles();
  const { account, pool: poolId } = useParams() as { account: string; pool: string };
  const api = useApi();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const navigate = useNavigate();
  const pool = usePool(account, poolId);
  const nodes = useNodes(account, poolId, pool.data?.allocationState === "resizing");
  const [search] = useSearchParams();
  // ?edit=startTask (the node page's "Edit start task") opens the start task dialog on arrival.
  const [dialog, setDialog] = useState<"resize" | "delete" | "startTask" | undefined>(search.get("edit") === "startTask" ? "startTask" : undefined);
  const gate = useRouteGate(account);
  const closeDialog = () => {
    setDialog(undefined);
    // Drop ?edit=… so a reload or Back does not reopen the dialog.
    if (search.has("edit")) navigate(paths.pool(account, poolId), { replace: true });
  };

  if (pool.isPending) return <TableSkeleton label="Loading pool" />;
  if (pool.isError) return <ErrorState what={`pool ${poolId}`} error={pool.error} onRetry={() => pool.refetch()} />;
  const p = pool.data;
  const progress = allocationProgress(p);
  const nodeList = nodes.data?.items ?? [];
  const failed = nodeList.filter((n) => n.state.toLowerCase() === "starttaskfailed");

  const exportSpec = async () => {
    try {
      const { spec } = await queryClient.fetchQuery(poolSpecQuery(api, account, poolId));
      downloadText(`${poolId}.pool-spec.json`, JSON.stringify(spec, null, 2), "application/json");
      notify.success("Spec downloaded", `${poolId}.pool-spec.json (registry passwords are never included)`);
    } catch (e) {
      notify.error("Export failed", e);
    }
  };

  return (
    <>
      <PageHeader
        title={p.id}
        actions={
          <>
            <GatedButton icon={<ResizeRegular />} gate={gate("resizePool")} onClick={() => setDialog("resize")}>
              Resize
            </GatedButton>
            <GatedButton icon={<CopyRegular />} gate={gate("createPool")} onClick={() => navigate(paths.newPool(account, poolId))}>
              Clone
            </GatedButton>
            <Button icon={<ArrowDownloadRegular />} onClick={() => void exportSpec()}>
              Export spec
            </Button>
            <GatedButton icon={<DeleteRegular />} gate={gate("deletePool")} onClick={() => setDialog("delete")}>
              Delete
            </GatedButton>
          </>
        }
      >
        <StateBadge state={p.state} />
        <StateBadge state={p.allocationState} />
      </PageHeader>

      {p.resizeErrors.map((e) => (
        <MessageBar key={e.code} intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Resize error: {e.code}</MessageBarTitle>
            {e.message}
          </MessageBarBody>
          <MessageBarActions>
            <GatedButton gate={gate("resizePool")} onClick={() => setDialog("resize")}>
              Resize again
            </GatedButton>
            {/quota/i.test(e.code) && <Button onClick={() => navigate(paths.account(account))}>See quotas</Button>}
          </MessageBarActions>
        </MessageBar>
      ))}
      {failed.length > 0 && <StartTaskFailureBanner account={account} pool={poolId} failed={failed} onEdit={() => setDialog("startTask")} editGate={gate("setPoolStartTask")} />}

      {progress && (
        <Field label="Allocation" validationMessage={progress.label} validationState="none">
          <ProgressBar value={progress.value} thickness="large" aria-label={progress.label} />
        </Field>
      )}

      <div className={styles.grid}>
        <Card>
          <CardHeader header={<Subtitle2 as="h2">Nodes</Subtitle2>} />
          {nodes.isPending ? <TableSkeleton rows={2} label="Loading nodes" /> : <NodeHeatmap nodes={nodeList} onSelect={(n) => navigate(paths.node(account, poolId, n.id))} />}
        </Card>
        <Card>
          <CardHeader header={<Subtitle2 as="h2">Configuration</Subtitle2>} />
          <FactList
            facts={[
              ["VM size", p.vmSize],
              ["Image", p.image ?? "—"],
              ["Node agent", p.nodeAgentSkuId ?? "—"],
              ["Containers", p.isContainerPool ? "Yes" : "No"],
              ["Prefetched images", p.prefetchImages.join(", ") || "—"],
              ["Registries", p.registries.map((r) => (r.username ? `${r.username}@${r.server}` : r.server)).join(", ") || "—"],
              ["Resize timeout", p.resizeTimeout ?? "—"],
              ["Task slots per node", String(p.taskSlotsPerNode ?? 1)],
              [
                "Start task",
                <>
                  {p.startTaskCommandLine ?? "—"}{" "}
                  <GatedButton size="small" appearance="subtle" icon={<EditRegular />} gate={gate("setPoolStartTask")} onClick={() => setDialog("startTask")}>
                    {p.startTaskCommandLine === undefined ? "Add start task" : "Edit start task"}
                  </GatedButton>
                </>,
              ],
              ["Created", <RelativeTime value={p.creationTime} />],
            ]}
          />
        </Card>
      </div>

      <Subtitle2 as="h2">Node list</Subtitle2>
      {nodes.isError && <ErrorState what="nodes" error={nodes.error} onRetry={() => nodes.refetch()} />}
      {nodeList.length === 0 && nodes.data && <Caption1>No nodes: the pool's target is {p.targetDedicatedNodes + p.targetSpotNodes}.</Caption1>}
      {nodeList.length > 0 && <VirtualTable label="Nodes" columns={nodeColumns(account, poolId)} rows={nodeList} rowKey={(n) => n.id} height="360px" />}

      {dialog === "resize" && <ResizePoolDialog account={account} pool={p} open onClose={() => setDialog(undefined)} />}
      {dialog === "delete" && <DeletePoolDialog account={account} poolId={poolId} open onClose={() => setDialog(undefined)} />}
      {dialog === "startTask" && (
        <Suspense fallback={null}>
          <StartTaskDialog account={account} pool={p} failedNodeIds={failed.map((n) => n.id)} onClose={closeDialog} />
        </Suspense>
      )}
    </>
  );
}
