import { useDropdownStyles_unstable, type DropdownState } from "@fluentui/react-components";
import { ChevronDownRegular } from "@fluentui/react-icons";
import type { ComponentProps } from "react";

/**
 * A closed Fluent Dropdown (outline, medium): the same elements and the same style hook as the
 * real one, without its listbox, positioning and active-descendant machinery. The account switcher
 * shows this on first render and swaps in the real Dropdown on first pointer or focus
 * (ClosedDropdown.test.tsx checks the two render alike).
 */
export function ClosedDropdown({
  value,
  placeholder,
  className,
  ...button
}: { value?: string; placeholder: string } & Omit<ComponentProps<"button">, "value" | "children">) {
  // The style hook only reads these fields of a Dropdown's state and writes the class names.
  const state = {
    appearance: "outline",
    size: "medium",
    open: false,
    placeholderVisible: !value,
    showClearButton: false,
    root: { className },
    button: { disabled: false },
    expandIcon: {},
  } as unknown as DropdownState;
  useDropdownStyles_unstable(state);
  return (
    <div className={state.root.className}>
      <button type="button" role="combobox" aria-expanded={false} {...button} className={state.button.className}>
        {value || placeholder}
        <span className={state.expandIcon?.className}>
          <ChevronDownRegular />
        </span>
      </button>
    </div>
  );
}
