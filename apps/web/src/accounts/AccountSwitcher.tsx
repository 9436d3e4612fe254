import { Skeleton, SkeletonItem, makeStyles } from "@fluentui/react-components";
import { useState, type KeyboardEvent } from "react";
import { useNavigate } from "../router";
import { useAccounts } from "../api/hooks";
import { DescriptionTooltip } from "../components/DescriptionTooltip";
import { onDemand, useOnDemand } from "../components/onDemand";
import { SwapHost } from "../components/SwapHost";
import { ClosedDropdown } from "../components/ClosedDropdown";
import { paths } from "../router/paths";

const accountDropdown = onDemand(() => import("./AccountDropdown"));

const useStyles = makeStyles({
  dropdown: { minWidth: "260px" },
});

/** Keys that open a Fluent Dropdown from its closed button (Enter and Space also click it). */
const OPENING_KEYS = new Set(["ArrowDown", "ArrowUp", "Enter", " "]);

/**
 * The account picker in the top bar, grouped by subscription; the full states live on the account
 * page. The closed control is drawn at once; the Dropdown with its listbox (~25 KB gzip of
 * listbox, positioning and focus code) loads when the pointer or the focus reaches it.
 */
export function AccountSwitcher({ account }: { account?: string }) {
  const styles = useStyles();
  const navigate = useNavigate();
  const accounts = useAccounts();
  const [loaded, request] = useOnDemand(accountDropdown);
  const [openRequested, setOpenRequested] = useState(false);

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
    // Nothing to choose from: the control leads to the account page, which says why.
    return (
      <DescriptionTooltip content="Open the account page to see why and what to do">
        <ClosedDropdown
          className={styles.dropdown}
          aria-label="Batch account"
          placeholder={accounts.isError ? "Accounts unavailable" : "No Batch accounts"}
          onClick={() => navigate(paths.home())}
        />
      </DescriptionTooltip>
    );
  }

  const openSoon = () => {
    setOpenRequested(true);
    request();
  };
  return (
    <SwapHost swapped={!!loaded}>
      {loaded ? (
        <loaded.default subscriptions={subscriptions} current={current} defaultOpen={openRequested} />
      ) : (
        <ClosedDropdown
          className={styles.dropdown}
          aria-label="Batch account"
          placeholder="Choose a Batch account"
          value={current ? `${current.name} (${current.location})` : undefined}
          onPointerEnter={request}
          onFocus={request}
          onClick={openSoon}
          onKeyDown={(e: KeyboardEvent) => {
            if (OPENING_KEYS.has(e.key)) openSoon();
          }}
        />
      )}
    </SwapHost>
  );
}
