import { Dropdown, Option, OptionGroup, makeStyles, tokens } from "@fluentui/react-components";
import type { AccountsResponse } from "@batch-studio/shared";
import { useNavigate } from "../router";
import { paths, LAST_ACCOUNT_KEY } from "../router/paths";

const useStyles = makeStyles({
  dropdown: { minWidth: "260px" },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/**
 * The real account Dropdown with its listbox, grouped by subscription. Loaded on demand by
 * AccountSwitcher, which draws the closed control until then.
 */
export default function AccountDropdown(props: {
  subscriptions: AccountsResponse["subscriptions"];
  current?: { id: string; name: string; location: string };
  defaultOpen: boolean;
}) {
  const styles = useStyles();
  const navigate = useNavigate();
  const { subscriptions, current } = props;

  return (
    <Dropdown
      className={styles.dropdown}
      aria-label="Batch account"
      placeholder="Choose a Batch account"
      defaultOpen={props.defaultOpen}
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
