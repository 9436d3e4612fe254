import { Button, type ButtonProps } from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { Availability } from "./ActionButtons";
import { DescriptionTooltip } from "./DescriptionTooltip";

type Look = Pick<ButtonProps, "appearance" | "icon" | "size">;

/**
 * A button the user's permissions may close: then it stays visible and focusable, disabled, and
 * says which permission is missing (a tooltip, and the same text as its accessible description).
 */
export function GatedButton({ gate, onClick, children, ...look }: Look & { gate: Availability; onClick?(): void; children: ReactNode }) {
  if (gate.ok)
    return (
      <Button {...look} onClick={onClick}>
        {children}
      </Button>
    );
  return (
    <DescriptionTooltip content={gate.reason}>
      <Button {...look} disabledFocusable>
        {children}
      </Button>
    </DescriptionTooltip>
  );
}
