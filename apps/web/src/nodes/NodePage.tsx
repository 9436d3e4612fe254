import { GatedButton } from "../components/GatedButton";
import { useRouteGate } from "../api/permissions";
import { Caption1, Card, CardHeader, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Button, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { Link, useNavigate, useParams } from "../router";
import { useNode, useNodeFiles, useRebootNode } from "../api/pools";
import { paths } from "../router/paths";
import { ErrorState } from "../components/ErrorState";
import { useNotify } from "../components/notify";
import { PageHeader } from "../components/PageHeader";
import { RelativeTime } from "../components/RelativeTime";
import { TableSkeleton } from "../components/Skeletons";
import { StateBadge } from "../components/StateBadge";
import { formatBytes } from "../output/outputSource";
import { FactList } from "../components/FactList";

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(320px, 1fr))", gap: tokens.spacingHorizontalL, alignItems: "start" },
  files: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

export default function NodePage() {
  const styles = useStyles();
  const { account, pool, node } = useParams() as { account: string; pool: string; node: string };
  const notify = useNotify();
  const navigate = useNavigate();
  const details = useNode(account, pool, node);
  const rebootNode = useRebootNode(account, pool);
  const files = useNodeFiles(account, pool, node);
  const gate = useRouteGate(account);

  if (details.isPending) return <TableSkeleton label="Loading node" />;
  if (details.isError) return <ErrorState what={`node ${node}`} error={details.error} onRetry={() => details.refetch()} />;
  const n = details.data;
  const startFailed = n.state.toLowerCase() === "starttaskfailed";

  const reboot = () =>
    rebootNode.mutate(node, {
      onSuccess: () => notify.success("Reboot requested", node),
      onError: (e) => notify.error("Reboot failed", e),
    });

  return (
    <>
      <PageHeader title={node} actions={
          <GatedButton gate={gate("rebootNode")} onClick={reboot}>
            Reboot
          </GatedButton>
        }
      >
        <Link to={paths.pool(account, pool)}>{pool}</Link>
        <StateBadge state={n.state} />
      </PageHeader>
      {startFailed && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Start task failed</MessageBarTitle>
            {n.startTask?.failureMessage ?? `Exit code ${n.startTask?.exitCode ?? "unknown"}`}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => navigate(paths.nodeFile(account, pool, node, "startup/stderr.txt"))}>Open stderr</Button>
            {/* The pool page opens its start task dialog (which offers to reboot the failed nodes after saving). */}
            <GatedButton gate={gate("setPoolStartTask")} onClick={() => navigate(`${paths.pool(account, pool)}?edit=startTask`)}>
              Edit start task
            </GatedButton>
            <GatedButton gate={gate("rebootNode")} onClick={reboot}>
              Reboot
            </GatedButton>
          </MessageBarActions>
        </MessageBar>
      )}
      {n.errors.map((e, i) => (
        <MessageBar key={i} intent="warning">
          <MessageBarBody>
            <b>{e.code}</b> {e.message}
          </MessageBarBody>
        </MessageBar>
      ))}
      <div className={styles.grid}>
        <Card>
          <CardHeader header={<Subtitle2 as="h2">Node</Subtitle2>} />
          <FactList
            facts={[
              ["IP address", n.ipAddress ?? "—"],
              ["Kind", n.isDedicated === false ? "Spot" : "Dedicated"],
              ["State since", <RelativeTime value={n.stateTransitionTime} />],
              ["Start task", n.startTask ? `${n.startTask.state}${n.startTask.exitCode !== undefined ? ` (exit ${n.startTask.exitCode})` : ""}` : "—"],
              ["Tasks run", `${n.totalTasksRun ?? 0} (${n.totalTasksSucceeded ?? 0} succeeded)`],
            ]}
          />
        </Card>
        <Card>
          <CardHeader header={<Subtitle2 as="h2">Files</Subtitle2>} />
          {files.isPending && <TableSkeleton rows={3} label="Loading files" />}
          {files.isError && <ErrorState what="node files" error={files.error} />}
          {files.data && files.data.items.length === 0 && <Caption1>No files on this node yet.</Caption1>}
          <ul className={styles.files}>
            {files.data?.items
              .filter((f) => !f.isDirectory)
              .map((f) => (
                <li key={f.name}>
                  <Link to={paths.nodeFile(account, pool, node, f.name)}>{f.name}</Link> <Caption1>{f.size !== undefined ? formatBytes(f.size) : ""}</Caption1>
                </li>
              ))}
          </ul>
        </Card>
        <Card>
          <CardHeader header={<Subtitle2 as="h2">Recent tasks</Subtitle2>} />
          {n.recentTasks.length === 0 && <Caption1>None.</Caption1>}
          <ul className={styles.files}>
            {n.recentTasks.map((t, i) => (
              <li key={i}>
                {t.jobId && t.taskId ? <Link to={paths.task(account, t.jobId, t.taskId)}>{t.jobId} / {t.taskId}</Link> : "—"} <StateBadge state={t.taskState} />
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
