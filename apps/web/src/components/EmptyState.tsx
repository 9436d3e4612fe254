import { Body1, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    textAlign: "center",
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalXXXL} ${tokens.spacingHorizontalXXL}`,
    color: tokens.colorNeutralForeground2,
  },
  icon: { fontSize: "48px", color: tokens.colorBrandForeground1 },
});

/** A real empty state: what this is, why it is empty, and the action that fills it. */
export function EmptyState(props: { icon?: ReactNode; title: string; children?: ReactNode; action?: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.root} role="status">
      {props.icon && <div className={styles.icon} aria-hidden>{props.icon}</div>}
      <Subtitle2 as="h2">{props.title}</Subtitle2>
      {props.children && <Body1>{props.children}</Body1>}
      {props.action}
    </div>
  );
}
