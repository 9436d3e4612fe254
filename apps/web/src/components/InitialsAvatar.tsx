import { makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  // Fluent's Avatar at size 28, colour "neutral", initials only: the same tokens, without the
  // image, badge, ring and 30-colour machinery that make the full Avatar ~9 KB gzip.
  root: {
    display: "inline-block",
    flexShrink: 0,
    position: "relative",
    verticalAlign: "middle",
    width: "28px",
    height: "28px",
    borderRadius: tokens.borderRadiusCircular,
    fontFamily: tokens.fontFamilyBase,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase200,
  },
  initials: {
    position: "absolute",
    boxSizing: "border-box",
    inset: 0,
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    lineHeight: "1",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
    borderRadius: "inherit",
    userSelect: "none",
    color: tokens.colorNeutralForeground3,
    backgroundColor: tokens.colorNeutralBackground6,
  },
});

/** "Ada Operator" → "AO": the first letter of the first and the last word; bracketed parts are left out. */
export function initialsOf(name: string): string {
  const words = name
    .replace(/\([^)]*\)|\[[^\]]*\]|\{[^}]*\}/g, " ")
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+/u, ""))
    .filter((w) => w !== "");
  if (words.length === 0) return "";
  const first = [...words[0]!][0]!;
  const last = words.length > 1 ? [...words[words.length - 1]!][0]! : "";
  return (first + last).toLocaleUpperCase();
}

/** A person's initials in a circle, decorative (the caller names the person in text). */
export function InitialsAvatar({ name }: { name: string }) {
  const styles = useStyles();
  return (
    <span className={styles.root} aria-hidden>
      <span className={styles.initials}>{initialsOf(name)}</span>
    </span>
  );
}
