import { makeStyles } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  // Read by screen readers, invisible on screen (the usual clip pattern; display:none would hide it from both).
  root: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    padding: 0,
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
    border: 0,
  },
});

/**
 * A control's full name for assistive tech, as one text, while its visible parts (numbers, initials,
 * count badges) are aria-hidden. Used instead of aria-label so that the visible words are part of
 * the name (WCAG 2.5.3) and the name does not depend on how browsers join the visible pieces.
 */
export function ScreenReaderText({ children }: { children: ReactNode }) {
  return <span className={useStyles().root}>{children}</span>;
}
