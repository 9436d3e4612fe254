import { tokens } from "@fluentui/react-components";
import type { CSSProperties } from "react";
import { xtermRgb, type AnsiColor, type AnsiStyle } from "./ansi";

/**
 * The 16 classic ANSI colours as Fluent palette tokens, so output stays readable in both themes
 * (a literal black would vanish on the dark theme). 256-colour and 24-bit colours come from the
 * output itself and are used as given.
 */
const PALETTE: string[] = [
  tokens.colorNeutralForeground3, // black
  tokens.colorPaletteRedForeground1,
  tokens.colorPaletteGreenForeground1,
  tokens.colorPaletteMarigoldForeground1, // yellow (Fluent's yellow is unreadable on light)
  tokens.colorPaletteBlueForeground2,
  tokens.colorPaletteBerryForeground1, // magenta
  tokens.colorPaletteTealForeground2, // cyan
  tokens.colorNeutralForeground2, // white
  tokens.colorNeutralForeground4, // bright black
  tokens.colorPaletteRedForeground3,
  tokens.colorPaletteLightGreenForeground1,
  tokens.colorPaletteYellowForeground2,
  tokens.colorPaletteCornflowerForeground2,
  tokens.colorPaletteLavenderForeground2,
  tokens.colorPaletteLightTealForeground2,
  tokens.colorNeutralForeground1, // bright white
];

const BACKGROUNDS: string[] = [
  tokens.colorNeutralBackground5,
  tokens.colorPaletteRedBackground2,
  tokens.colorPaletteGreenBackground2,
  tokens.colorPaletteYellowBackground2,
  tokens.colorPaletteBlueBackground2,
  tokens.colorPaletteBerryBackground2,
  tokens.colorPaletteTealBackground2,
  tokens.colorNeutralBackground3,
];

function colour(c: AnsiColor, bg: boolean): string {
  if (c.kind === "rgb") return `rgb(${c.r}, ${c.g}, ${c.b})`;
  if (c.index < 16) return bg ? BACKGROUNDS[c.index % 8]! : PALETTE[c.index]!;
  const { r, g, b } = xtermRgb(c.index);
  return `rgb(${r}, ${g}, ${b})`;
}

export function ansiCss(style: AnsiStyle): CSSProperties | undefined {
  if (Object.keys(style).length === 0) return undefined;
  const css: CSSProperties = {};
  const fg = style.inverse ? style.bg : style.fg;
  const bg = style.inverse ? style.fg : style.bg;
  if (fg) css.color = colour(fg, false);
  if (bg) css.backgroundColor = colour(bg, true);
  if (style.bold) css.fontWeight = tokens.fontWeightBold;
  if (style.dim) css.opacity = 0.7;
  if (style.italic) css.fontStyle = "italic";
  if (style.underline) css.textDecorationLine = "underline";
  return css;
}
