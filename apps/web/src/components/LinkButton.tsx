import { Button, type ButtonProps } from "@fluentui/react-components";
import { lazy, Suspense, type ReactNode } from "react";
import { isPlainClick, useNavigate } from "../router";
import type { Availability } from "./ActionButtons";

// A closed gate is rare (a user without some permission) and comes after the permissions answer:
// its tooltip code loads then, not with every page that has a link button.
const GatedButton = lazy(() => import("./GatedButton").then((m) => ({ default: m.GatedButton })));

/**
 * A Fluent Button that is a link (an <a href> styled as a button): one tab stop and link
 * semantics, where wrapping a Button in a Link would nest a button inside an anchor.
 */
export function LinkButton({ to, children, gate, ...look }: Pick<ButtonProps, "appearance" | "icon" | "size"> & { to: string; children: ReactNode; gate?: Availability }) {
  const navigate = useNavigate();
  // A closed gate: no link at all, a disabled button that says why.
  if (gate && !gate.ok)
    return (
      <Suspense fallback={<Button {...look} disabledFocusable>{children}</Button>}>
        <GatedButton {...look} gate={gate}>
          {children}
        </GatedButton>
      </Suspense>
    );
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
