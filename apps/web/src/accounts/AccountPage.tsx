import { Caption1, Card, CardHeader, MessageBar, MessageBarBody, ProgressBar, Skeleton, SkeletonItem, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useParams } from "../router";
import { quotaUsage, share, type AccountQuotas, type CoreUse, type FamilyUse } from "@batch-studio/shared";
import { useAccounts, usePools } from "../api/hooks";
import { useVmSizes } from "../api/catalog";
import { errorMessage } from "../auth/apiError";
import { ErrorState } from "../components/ErrorState";
import { PageHeader } from "../components/PageHeader";
import { TableSkeleton } from "../components/Skeletons";
import { familyLabel } from "./vmFamily";
import { FactList } from "../components/FactList";

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(320px, 1fr))", gap: tokens.spacingHorizontalL, alignItems: "start" },
  wide: { gridColumn: "1 / -1" },
  bars: { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(280px, 1fr))", gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`, margin: 0, padding: 0, listStyleType: "none" },
  bar: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, minWidth: 0 },
  barHead: { display: "flex", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Bar colour: brand below 80 %, warning from 80 %, error at or past the limit. */
const barColor = (s: number): "brand" | "warning" | "error" => (s >= 1 ? "error" : s >= 0.8 ? "warning" : "brand");

/** One used/limit bar, e.g. "DSv3 · 16 of 100 cores", with where resizes in flight will take it. */
function QuotaBar({ name, title, use, unit, note }: { name: string; title?: string; use: CoreUse; unit: string; note?: string }) {
  const styles = useStyles();
  const s = share(use);
  const heading = use.limit === undefined ? `${use.used} ${unit} in use` : `${use.used} of ${use.limit} ${unit}`;
  return (
    <li className={styles.bar}>
      <div className={styles.barHead}>
        <Text weight="semibold" title={title}>
          {name}
        </Text>
        <Caption1>{heading}</Caption1>
      </div>
      {s !== undefined && <ProgressBar value={Math.min(s, 1)} max={1} color={barColor(s)} thickness="large" aria-label={`${name}: ${heading}`} />}
      {(use.target !== use.used || note) && (
        <Caption1 className={styles.muted}>
          {use.target !== use.used && `${use.target} ${unit} once resizes finish${use.limit !== undefined && use.target > use.limit ? " — over the limit" : ""}. `}
          {note}
        </Caption1>
      )}
    </li>
  );
}

const poolsNote = (f: FamilyUse) => (f.pools.length ? `Pools: ${f.pools.join(", ")}` : undefined);

/** Core use per quota, from pools × VM size cores; the limits alone when use cannot be computed. */
function CoreQuotaCards({ account, quotas, userSubscription }: { account: string; quotas: AccountQuotas; userSubscription: boolean }) {
  const styles = useStyles();
  const pools = usePools(account);
  const sizes = useVmSizes(account);
  if (pools.isPending || sizes.isPending) {
    return (
      <Card className={styles.wide}>
        <CardHeader header={<Subtitle2 as="h2">Core quota use</Subtitle2>} />
        <Skeleton aria-label="Loading quota use">
          <SkeletonItem size={16} />
          <SkeletonItem size={16} />
        </Skeleton>
      </Card>
    );
  }
  if (pools.isError || sizes.isError) {
    const failed = pools.error ?? sizes.error;
    return (
      <Card className={styles.wide}>
        <CardHeader header={<Subtitle2 as="h2">Core quota use</Subtitle2>} />
        <MessageBar intent="warning">
          <MessageBarBody>Use cannot be shown: {pools.error ? "pools" : "VM sizes"} could not be read ({errorMessage(failed)}). The limits are above.</MessageBarBody>
        </MessageBar>
      </Card>
    );
  }
  const poolList = pools.data.items;
  const usage = quotaUsage(quotas, poolList, sizes.data.items);
  const enforced = quotas.dedicatedCoreQuotaPerVmFamilyEnforced === true;
  const inUse = usage.families.filter((f) => f.used > 0 || f.target > 0 || (f.limit ?? 0) > 0);
  const noQuota = usage.families.filter((f) => !inUse.includes(f));
  return (
    <>
      <Card>
        <CardHeader header={<Subtitle2 as="h2">Core quota use</Subtitle2>} description={<Caption1>Cores of allocated nodes, from each pool's VM size.</Caption1>} />
        {userSubscription && (
          <MessageBar intent="info">
            <MessageBarBody>
              Pools of this account are allocated in your subscription, so its regional vCPU quotas limit them (Azure portal → Subscriptions → Usage + quotas); the use below is what this account&apos;s pools take.
            </MessageBarBody>
          </MessageBar>
        )}
        <ul className={styles.bars} aria-label="Account core quotas">
          <QuotaBar name="Dedicated cores" use={usage.dedicated} unit="cores" />
          <QuotaBar name="Spot cores" use={usage.spot} unit="cores" note="Spot nodes draw on this account-wide quota, not on a family's." />
          {quotas.poolQuota !== undefined && <QuotaBar name="Pools" use={{ used: poolList.length, target: poolList.length, limit: quotas.poolQuota }} unit="pools" />}
        </ul>
        {usage.uncounted.length > 0 && (
          <Caption1 className={styles.muted}>
            Not counted (VM size not offered in this region): {usage.uncounted.map((u) => `${u.pool} (${u.vmSize})`).join(", ")}.
          </Caption1>
        )}
      </Card>
      <Card className={styles.wide}>
        <CardHeader
          header={<Subtitle2 as="h2">Dedicated cores per VM family</Subtitle2>}
          description={
            <Caption1>{enforced ? "This account limits dedicated cores per VM family: a pool fits only if its family has room." : "This account has no per-family limit; dedicated cores by family, for reference."}</Caption1>
          }
        />
        {inUse.length === 0 ? (
          <Caption1>No dedicated nodes are allocated or requested.</Caption1>
        ) : (
          <ul className={styles.bars} aria-label="Dedicated cores per VM family">
            {inUse.map((f) => (
              <QuotaBar key={f.family} name={familyLabel(f.family)} title={f.family} use={f} unit="cores" note={poolsNote(f)} />
            ))}
          </ul>
        )}
        {enforced && noQuota.length > 0 && (
          <Caption1 className={styles.muted}>
            No quota (request it in the Azure portal before using these): {noQuota.map((f) => familyLabel(f.family)).join(", ")}.
          </Caption1>
        )}
      </Card>
    </>
  );
}

/** The account's facts and quotas, with per-VM-family core quota use (Batch Explorer showed neither). */
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
    ["Active jobs and schedules quota", q.activeJobAndJobScheduleQuota === undefined ? "—" : String(q.activeJobAndJobScheduleQuota)],
  ];
  return (
    <>
      <PageHeader title={a.name} />
      <div className={styles.grid}>
        <Card>
          <CardHeader header={<Subtitle2 as="h2">Account</Subtitle2>} />
          <FactList facts={facts} />
        </Card>
        <CoreQuotaCards account={account} quotas={q} userSubscription={a.poolAllocationMode?.toLowerCase() === "usersubscription"} />
      </div>
    </>
  );
}
