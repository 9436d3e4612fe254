import { Badge, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { CheckmarkCircleRegular, ErrorCircleRegular, WarningRegular } from "@fluentui/react-icons";
import { ScreenReaderText } from "../components/ScreenReaderText";
import { STEPS, describeSummary, type StepId, type StepSummary } from "./steps";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  step: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    width: "100%",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: "none",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: "transparent",
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase300,
    textAlign: "start",
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
    ":disabled": { cursor: "not-allowed", color: tokens.colorNeutralForegroundDisabled },
  },
  current: { backgroundColor: tokens.colorBrandBackground2, color: tokens.colorBrandForeground2, fontWeight: tokens.fontWeightSemibold },
  number: { width: "20px", textAlign: "center" },
  label: { flexGrow: 1 },
  ok: { color: tokens.colorPaletteGreenForeground1 },
});

/** The wizard's steps with each one's error/warning counts; a step can be opened once the steps before it have no errors. */
export function Stepper(props: { current: StepId; summary: Record<StepId, StepSummary>; reachable(step: StepId): boolean; visited: Set<StepId>; onSelect(step: StepId): void }) {
  const styles = useStyles();
  return (
    <nav aria-label="Wizard steps">
      <ol className={styles.list}>
        {STEPS.map((s, i) => {
          const sum = props.summary[s.id];
          const description = describeSummary(sum);
          const isCurrent = s.id === props.current;
          return (
            <li key={s.id}>
              <button
                type="button"
                className={mergeClasses(styles.step, isCurrent && styles.current)}
                aria-current={isCurrent ? "step" : undefined}
                disabled={!props.reachable(s.id)}
                onClick={() => props.onSelect(s.id)}
              >
                {/* Named "Step N: Title (counts)" by one hidden text; the number, title and badges show
                    the same for the eye only, so the visible title is part of the name (WCAG 2.5.3). */}
                <ScreenReaderText>{`Step ${i + 1}: ${s.title}${description ? ` (${description})` : ""}`}</ScreenReaderText>
                <span className={styles.number} aria-hidden>
                  {i + 1}
                </span>
                <span className={styles.label} aria-hidden>
                  {s.title}
                </span>
                {sum.errors > 0 && (
                  <Badge color="danger" appearance="filled" icon={<ErrorCircleRegular />} aria-hidden>
                    {sum.errors}
                  </Badge>
                )}
                {sum.warnings > 0 && (
                  <Badge color="warning" appearance="tint" icon={<WarningRegular />} aria-hidden>
                    {sum.warnings}
                  </Badge>
                )}
                {sum.errors === 0 && sum.warnings === 0 && props.visited.has(s.id) && s.id !== "review" && (
                  <CheckmarkCircleRegular className={styles.ok} aria-hidden />
                )}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
