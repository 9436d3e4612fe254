import { Caption1, Card, CardHeader, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { useParams } from "react-router";
import { useAccounts } from "../api/hooks";
import { ErrorState } from "../components/ErrorState";
import { PageHeader } from "../components/PageHeader";
import { TableSkeleton } from "../components/Skeletons";

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(280px, 1fr))", gap: tokens.spacingHorizontalL, alignItems: "start" },
  facts: { display: "grid", gridTemplateColumns: "auto 1fr", gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, margin: 0 },
  dt: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0, overflowWrap: "anywhere" },
  family: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
});

/** The account's facts and quotas, including the per-VM-family core quota Batch Explorer never showed. */
export default function AccountPage() {
  const styles = useStyles();
  const account = useParams().account!;
  const accounts = useAccounts();
  if (accounts.isPending) return <TableSkeleton label="Loading account" />;
  if (accounts.isError) return <ErrorState what="the account" error={accounts.error} onRetry={() => accounts.refetch()} />;
  const a = accounts.data.subscriptions.flatMap((s) => s.accounts).find((x) => x.id === account);
  if (!a) return <ErrorState what="the account" error={new Error("This account is not in the list of accounts you can see.")} />;
  const q = a.quotas;
  const facts: [string, string][] = [
    ["Name", a.name],
    ["Location", a.location],
    ["Resource group", a.resourceGroup],
    ["Subscription", a.subscriptionId],
    ["Endpoint", a.endpoint],
    ["Pool allocation mode", a.poolAllocationMode ?? "—"],
  ];
  return (
    <>
      <PageHeader title={a.name} />
      <div className={styles.grid}>
        <Card>
          <CardHeader header={<Subtitle2 as="h2">Account</Subtitle2>} />
          <dl className={styles.facts}>
            {facts.map(([k, v]) => (
              <div key={k} style={{ display: "contents" }}>
                <dt className={styles.dt}>{k}</dt>
                <dd className={styles.dd}>{v}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card>
          <CardHeader header={<Subtitle2 as="h2">Quotas</Subtitle2>} />
          <dl className={styles.facts}>
            <dt className={styles.dt}>Dedicated cores</dt>
            <dd className={styles.dd}>{q.dedicatedCoreQuota ?? "—"}</dd>
            <dt className={styles.dt}>Spot cores</dt>
            <dd className={styles.dd}>{q.lowPriorityCoreQuota ?? "—"}</dd>
            <dt className={styles.dt}>Pools</dt>
            <dd className={styles.dd}>{q.poolQuota ?? "—"}</dd>
            <dt className={styles.dt}>Active jobs</dt>
            <dd className={styles.dd}>{q.activeJobAndJobScheduleQuota ?? "—"}</dd>
          </dl>
        </Card>
        {q.dedicatedCoreQuotaPerVmFamilyEnforced && (
          <Card>
            <CardHeader header={<Subtitle2 as="h2">Dedicated cores per VM family</Subtitle2>} />
            {(q.dedicatedCoreQuotaPerVmFamily ?? []).map((f) => (
              <div key={f.family} className={styles.family}>
                <Caption1>
                  {f.family}: <b>{f.coreQuota}</b> cores
                </Caption1>
              </div>
            ))}
          </Card>
        )}
      </div>
    </>
  );
}
