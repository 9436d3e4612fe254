import { cloneElement, useState, type ReactElement } from "react";
import { onDemand, useOnDemand } from "../components/onDemand";
import { SwapHost } from "../components/SwapHost";

const headerMenus = onDemand(() => import("./HeaderMenus"));

interface TriggerProps {
  "aria-haspopup"?: "menu";
  "aria-expanded"?: boolean;
  onPointerEnter?: () => void;
  onFocus?: () => void;
  onClick?: () => void;
}

/**
 * A top-bar button whose menu loads when the pointer or the focus reaches it. Until then the button
 * announces itself as a closed menu button; a click that beats the module opens the menu as soon as
 * it arrives.
 */
export function HeaderMenuButton({ menu, trigger }: { menu: "theme" | "user"; trigger: ReactElement<TriggerProps> }) {
  const [menus, request] = useOnDemand(headerMenus);
  const [openRequested, setOpenRequested] = useState(false);
  const Menu = menus && (menu === "theme" ? menus.ThemeMenu : menus.UserMenu);
  return (
    <SwapHost swapped={!!Menu}>
      {Menu ? (
        <Menu trigger={trigger} defaultOpen={openRequested} />
      ) : (
        cloneElement(trigger, {
          "aria-haspopup": "menu",
          "aria-expanded": false,
          onPointerEnter: request,
          onFocus: request,
          onClick: () => {
            setOpenRequested(true);
            request();
          },
        })
      )}
    </SwapHost>
  );
}
