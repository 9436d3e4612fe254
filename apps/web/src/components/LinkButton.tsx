import { Button, type ButtonProps } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { isPlainClick, useNavigate } from "../router";

/**
 * A Fluent Button that is a link (an <a href> styled as a button): one tab stop and link
 * semantics, where wrapping a Button in a Link would nest a button inside an anchor.
 */
export function LinkButton({ to, children, ...look }: Pick<ButtonProps, "appearance" | "icon" | "size"> & { to: string; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <Button
      {...look}
      as="a"
      href={to}
      onClick={(event) => {
        if (!isPlainClick(event)) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </Button>
  );
}
