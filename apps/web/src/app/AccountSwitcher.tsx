import { Dropdown, Option, OptionGroup, Skeleton, SkeletonItem, Tooltip, makeStyles, tokens } from "@fluentui/react-components";
import { useNavigate } from "react-router";
import { useAccounts } from "../api/hooks";
import { paths, LAST_ACCOUNT_KEY } from "./paths";

const useStyles = makeStyles({
  dropdown: { minWidth: "260px" },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** The account picker in the top bar, grouped by subscription; the full states live on the account page. */
export function AccountSwitcher({ account }: { account?: string }) {
  const styles = useStyles();
  const navigate = useNavigate();
  const accounts = useAccounts();

  if (accounts.isPending) {
    return (
      <Skeleton aria-label="Loading Batch accounts">
        <SkeletonItem style={{ width: 260 }} />
      </Skeleton>
    );
  }
  const subscriptions = accounts.data?.subscriptions ?? [];
  const all = subscriptions.flatMap((s) => s.accounts);
  const current = all.find((a) => a.id === account);

  if (accounts.isError || all.length === 0) {
    return (
      <Tooltip content="Open the account page to see why and what to do" relationship="description">
        <Dropdown className={styles.dropdown} aria-label="Batch account" placeholder={accounts.isError ? "Accounts unavailable" : "No Batch accounts"} onClick={() => navigate(paths.home())} />
      </Tooltip>
    );
  }

  return (
    <Dropdown
      className={styles.dropdown}
      aria-label="Batch account"
      placeholder="Choose a Batch account"
      value={current ? `${current.name} (${current.location})` : ""}
      selectedOptions={current ? [current.id] : []}
      onOptionSelect={(_, data) => {
        if (!data.optionValue) return;
        window.localStorage.setItem(LAST_ACCOUNT_KEY, data.optionValue);
        navigate(paths.pools(data.optionValue));
      }}
    >
      {subscriptions.map((s) => (
        <OptionGroup key={s.subscriptionId} label={s.displayName ?? s.subscriptionId}>
          {s.accounts.map((a) => (
            <Option key={a.id} value={a.id} text={`${a.name} (${a.location})`}>
              {a.name} · {a.location}
            </Option>
          ))}
          {s.error && (
            <Option disabled value={`error:${s.subscriptionId}`} text="No access">
              <span className={styles.error}>No access: {s.error.title}</span>
            </Option>
          )}
        </OptionGroup>
      ))}
    </Dropdown>
  );
}
