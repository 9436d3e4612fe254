import { Title3, makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  root: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalL,
  },
  title: { flexGrow: 1, margin: 0 },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

export function PageHeader({ title, actions, children }: { title: ReactNode; actions?: ReactNode; children?: ReactNode }) {
  const styles = useStyles();
  return (
    <header className={styles.root}>
      <Title3 as="h1" className={styles.title}>
        {title}
      </Title3>
      {children}
      {actions && <div className={styles.actions}>{actions}</div>}
    </header>
  );
}
