import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";

/**
 * A Batch state (pool, allocation, node, job, task) as a small tinted pill, coloured by what it
 * means. Drawn with the theme's tokens rather than Fluent's Badge: the Badge's styles cover every
 * appearance, size and colour (~3 KB gzip), and the pools page, the first route, needs only this.
 */
type Tone = "success" | "brand" | "warning" | "danger" | "severe" | "informative" | "subtle";

const TONES: Record<string, Tone> = {
  active: "success",
  steady: "success",
  idle: "success",
  succeeded: "success",
  completed: "informative",
  running: "brand",
  resizing: "brand",
  starting: "warning",
  waitingforstarttask: "warning",
  preparing: "warning",
  creating: "warning",
  rebooting: "warning",
  reimaging: "warning",
  stopping: "warning",
  leavingpool: "warning",
  deleting: "subtle",
  offline: "subtle",
  disabled: "subtle",
  terminating: "warning",
  starttaskfailed: "danger",
  unusable: "danger",
  unknown: "danger",
  failed: "danger",
  failure: "danger",
  preempted: "severe",
};

export const toneOfState = (state: string): Tone => TONES[state.toLowerCase()] ?? "informative";

/** The pill's outline, as an inset ring: it takes no layout space, like Fluent's tint badges' border. */
const ring = (colour: string) => `inset 0 0 0 ${tokens.strokeWidthThin} ${colour}`;

const useStyles = makeStyles({
  root: {
    display: "inline-flex",
    alignItems: "center",
    boxSizing: "border-box",
    minHeight: "20px",
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusCircular,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: "nowrap",
  },
  success: {
    backgroundColor: tokens.colorPaletteGreenBackground1,
    color: tokens.colorPaletteGreenForeground1,
    boxShadow: ring(tokens.colorPaletteGreenBorder1),
  },
  brand: {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    boxShadow: ring(tokens.colorBrandStroke2),
  },
  warning: {
    backgroundColor: tokens.colorPaletteYellowBackground1,
    color: tokens.colorPaletteYellowForeground2,
    boxShadow: ring(tokens.colorPaletteYellowBorder1),
  },
  danger: {
    backgroundColor: tokens.colorPaletteRedBackground1,
    color: tokens.colorPaletteRedForeground1,
    boxShadow: ring(tokens.colorPaletteRedBorder1),
  },
  severe: {
    backgroundColor: tokens.colorPaletteDarkOrangeBackground1,
    color: tokens.colorPaletteDarkOrangeForeground1,
    boxShadow: ring(tokens.colorPaletteDarkOrangeBorder1),
  },
  informative: {
    backgroundColor: tokens.colorNeutralBackground4,
    color: tokens.colorNeutralForeground3,
    boxShadow: ring(tokens.colorNeutralStroke2),
  },
  subtle: {
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground3,
    boxShadow: ring(tokens.colorNeutralStroke2),
  },
});

export function StateBadge({ state }: { state: string }) {
  const styles = useStyles();
  return <span className={mergeClasses(styles.root, styles[toneOfState(state)])}>{state}</span>;
}
