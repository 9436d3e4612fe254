import {
  Body1,
  Caption1,
  Card,
  CardHeader,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { BuildingMultipleRegular } from "@fluentui/react-icons";
import { useEffect } from "react";
import { Link, useNavigate } from "../router";
import { useAccounts } from "../api/hooks";
import { EmptyState } from "../components/EmptyState";
import { PageHeader } from "../components/PageHeader";
import { ErrorState } from "../components/ErrorState";
import { TableSkeleton } from "../components/Skeletons";
import { LAST_ACCOUNT_KEY, paths } from "../router/paths";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "960px" },
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(260px, 1fr))",
    gap: tokens.spacingHorizontalM,
  },
  card: { position: "relative" },
  // The account name is the link (so its name is the account's); its ::after covers the card, so
  // the whole card stays one click target. A Card (role=group) inside a link made the link nameless.
  link: {
    color: "inherit",
    textDecorationLine: "none",
    "::after": { content: '""', position: "absolute", inset: 0 },
    ":focus-visible": { outlineStyle: "none" },
    ":focus-visible::after": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      borderRadius: tokens.borderRadiusMedium,
    },
  },
});

/**
 * "/": pick a Batch account. Jumps to the last one used. When nothing can be listed it says why
 * (no subscriptions, Batch provider not registered, no role) and what to do — Batch Explorer's
 * most reported confusion.
 */
export function AccountPickerPage() {
  const styles = useStyles();
  const accounts = useAccounts();
  const navigate = useNavigate();
  const subscriptions = accounts.data?.subscriptions ?? [];
  const all = subscriptions.flatMap((s) => s.accounts);

  useEffect(() => {
    const last = window.localStorage.getItem(LAST_ACCOUNT_KEY);
    if (last && all.some((a) => a.id === last)) navigate(paths.pools(last), { replace: true });
  }, [all, navigate]);

  const header = <PageHeader title="Batch accounts" />;
  if (accounts.isPending)
    return (
      <>
        {header}
        <TableSkeleton label="Loading Batch accounts" />
      </>
    );
  if (accounts.isError)
    return (
      <>
        {header}
        <ErrorState what="your Batch accounts" error={accounts.error} onRetry={() => accounts.refetch()} />
      </>
    );

  return (
    <div className={styles.root}>
      {header}
      {all.length === 0 && subscriptions.length === 0 && (
        <EmptyState icon={<BuildingMultipleRegular />} title="No subscriptions visible to you">
          Your sign-in can see no Azure subscription. Ask an owner to give you at least the Reader role on the
          subscription that holds the Batch account (and Contributor, or a Batch role, on the account itself),
          or sign in with the account of the right tenant.
        </EmptyState>
      )}
      {all.length === 0 && subscriptions.length > 0 && (
        <EmptyState icon={<BuildingMultipleRegular />} title="No Batch accounts in your subscriptions">
          None of the {subscriptions.length} subscription(s) you can see has a Batch account you can read.
          Create one in the Azure portal (Batch accounts → Create), or check that the Microsoft.Batch resource
          provider is registered in the subscription.
        </EmptyState>
      )}
      {subscriptions
        .filter((s) => s.error)
        .map((s) => (
          <MessageBar key={s.subscriptionId} intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>No access to {s.displayName ?? s.subscriptionId}</MessageBarTitle>
              {s.error?.detail ?? s.error?.title} — the other subscriptions are listed normally. Ask for the
              Reader role on this subscription, or ignore it.
            </MessageBarBody>
          </MessageBar>
        ))}
      {subscriptions
        .filter((s) => s.accounts.length > 0)
        .map((s) => (
          <section key={s.subscriptionId} aria-label={s.displayName ?? s.subscriptionId}>
            <Subtitle2 as="h2">{s.displayName ?? s.subscriptionId}</Subtitle2>
            <div className={styles.grid}>
              {s.accounts.map((a) => (
                <Card key={a.id} className={styles.card}>
                  <CardHeader
                    header={
                      <Body1>
                        <b>
                          <Link
                            to={paths.pools(a.id)}
                            className={styles.link}
                            onClick={() => window.localStorage.setItem(LAST_ACCOUNT_KEY, a.id)}
                          >
                            {a.name}
                          </Link>
                        </b>
                      </Body1>
                    }
                    description={
                      <Caption1>
                        {a.location} · {a.resourceGroup}
                      </Caption1>
                    }
                  />
                  <Caption1>
                    {a.quotas.dedicatedCoreQuota ?? "?"} dedicated cores ·{" "}
                    {a.quotas.lowPriorityCoreQuota ?? "?"} spot cores · {a.quotas.poolQuota ?? "?"} pools
                  </Caption1>
                </Card>
              ))}
            </div>
          </section>
        ))}
    </div>
  );
}
