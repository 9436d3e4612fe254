import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { ReactElement } from "react";

/** An action is available, or not with the reason why (Batch would refuse it). */
export type Availability = { ok: true } | { ok: false; reason: string };

const useStyles = makeStyles({
  reasons: {
    display: "flex",
    flexDirection: "column",
    flexBasis: "100%",
    color: tokens.colorNeutralForeground3,
  },
});

/**
 * A resource's action buttons. An unavailable one stays focusable and is described by its reason,
 * shown beneath, so keyboard and screen-reader users learn why too.
 */
export function ActionButtons<A extends string>(props: {
  idPrefix: string;
  actions: { action: A; label: string; icon: ReactElement; availability: Availability }[];
  onAction(a: A): void;
}) {
  const styles = useStyles();
  const why = (a: A) => `${props.idPrefix}-why-${a}`;
  return (
    <>
      {props.actions.map(({ action, label, icon, availability }) => (
        <Button
          key={action}
          icon={icon}
          disabledFocusable={!availability.ok}
          aria-describedby={availability.ok ? undefined : why(action)}
          onClick={() => props.onAction(action)}
        >
          {label}
        </Button>
      ))}
      <div className={styles.reasons}>
        {props.actions.map(({ action, label, availability }) =>
          availability.ok ? null : (
            <Caption1 key={action} id={why(action)}>
              {label}: {availability.reason}
            </Caption1>
          ),
        )}
      </div>
    </>
  );
}
