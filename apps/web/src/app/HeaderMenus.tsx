import { Menu, MenuItem, MenuItemRadio, MenuList, MenuPopover, MenuTrigger } from "@fluentui/react-components";
import { SignOutRegular } from "@fluentui/react-icons";
import type { ReactElement } from "react";
import { useAuth } from "../auth/AuthContext";
import { THEME_LABELS, useTheme, type ThemeChoice } from "../components/theme";

/**
 * The top bar's menus. Loaded on demand (see HeaderMenuButton): Menu, its positioning and focus
 * management are ~25 KB gzip that no one needs until a pointer or the focus reaches a trigger.
 */
export interface HeaderMenuProps {
  /** The button that opens the menu, already on screen. */
  trigger: ReactElement;
  /** Open at once: the trigger was clicked before this module arrived. */
  defaultOpen: boolean;
}

export function ThemeMenu({ trigger, defaultOpen }: HeaderMenuProps) {
  const theme = useTheme();
  return (
    <Menu
      defaultOpen={defaultOpen}
      checkedValues={{ theme: [theme.choice] }}
      onCheckedValueChange={(_, data) => theme.setChoice((data.checkedItems[0] as ThemeChoice) ?? "system")}
    >
      <MenuTrigger disableButtonEnhancement>{trigger}</MenuTrigger>
      <MenuPopover>
        <MenuList>
          {(Object.keys(THEME_LABELS) as ThemeChoice[]).map((c) => (
            <MenuItemRadio key={c} name="theme" value={c}>
              {THEME_LABELS[c]}
            </MenuItemRadio>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

export function UserMenu({ trigger, defaultOpen }: HeaderMenuProps) {
  const { user, signOut } = useAuth();
  return (
    <Menu defaultOpen={defaultOpen}>
      <MenuTrigger disableButtonEnhancement>{trigger}</MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem disabled>{user.username}</MenuItem>
          <MenuItem icon={<SignOutRegular />} onClick={() => void signOut()}>
            Sign out
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
