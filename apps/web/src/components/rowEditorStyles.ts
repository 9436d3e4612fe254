import { makeStyles, tokens } from "@fluentui/react-components";

/**
 * The look of the forms' list editors (output files, input files): each row a bordered box of
 * three fields a line, since a form is too narrow for a whole row of them side by side.
 */
export const useRowEditorStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  row: {
    display: "grid",
    gridTemplateColumns: "repeat(3, minmax(0, 1fr))",
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    alignItems: "start",
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  wide: { gridColumn: "span 2" },
  remove: { justifySelf: "start", marginBlockStart: "22px" },
});
