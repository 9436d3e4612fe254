import type { ComponentProps, MouseEvent } from "react";
import { useLocation, useNavigate } from "./Router";

type AnchorProps = Omit<ComponentProps<"a">, "href" | "className">;

/** A plain left click the page should handle itself; modified clicks keep the browser's meaning (new tab, download...). */
export const isPlainClick = (event: MouseEvent<HTMLElement>, target?: string) =>
  !event.defaultPrevented && event.button === 0 && (!target || target === "_self") && !(event.metaKey || event.altKey || event.ctrlKey || event.shiftKey);

/** An <a href> that navigates inside the portal on a plain click (after the caller's own onClick). */
export function Link({ to, replace, className, onClick, ...anchor }: AnchorProps & { to: string; replace?: boolean; className?: string }) {
  const navigate = useNavigate();
  return (
    <a
      {...anchor}
      href={to}
      className={className}
      onClick={(event) => {
        onClick?.(event);
        if (!isPlainClick(event, anchor.target)) return;
        event.preventDefault();
        navigate(to, { replace });
      }}
    />
  );
}

/**
 * A Link that knows whether it points at the current page or one under it ("/pools" is active on
 * "/pools/p1"), marks itself aria-current="page" then, and can style itself accordingly.
 */
export function NavLink({ to, className, ...rest }: AnchorProps & { to: string; replace?: boolean; className?: string | ((state: { isActive: boolean }) => string) }) {
  const { pathname } = useLocation();
  const target = to.length > 1 ? to.replace(/\/+$/, "") : to;
  const isActive = pathname.toLowerCase() === target.toLowerCase() || (target !== "/" && pathname.toLowerCase().startsWith(`${target.toLowerCase()}/`));
  return (
    <Link {...rest} to={to} aria-current={isActive ? "page" : undefined} className={typeof className === "function" ? className({ isActive }) : className} />
  );
}
