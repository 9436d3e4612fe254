import { createContext, startTransition, useCallback, useContext, useLayoutEffect, useMemo, useState, type ReactNode } from "react";
import { createBrowserHistory, type History, type Location, type NavigationType } from "./history";
import { matchRoutes, rankRoutes, type Params, type RouteObject } from "./matchRoutes";

interface RouterState {
  history: History;
  location: Location;
  navigationType: NavigationType;
}

const RouterContext = createContext<RouterState | undefined>(undefined);

/** What an <Outlet /> at this depth renders, and the parameters of the whole match. */
interface OutletState {
  params: Params;
  outlet: ReactNode;
}
const OutletContext = createContext<OutletState>({ params: {}, outlet: null });

function useRouter(): RouterState {
  const router = useContext(RouterContext);
  if (!router) throw new Error("router hooks need a <Router> or <BrowserRouter> above them");
  return router;
}

/**
 * Follows a history and re-renders on every change. Changes are transitions (as in react-router's
 * BrowserRouter), so a page that is still loading its code keeps the old one on screen meanwhile
 * instead of flashing the Suspense fallback.
 */
export function Router({ history, children }: { history: History; children: ReactNode }) {
  const [state, setState] = useState(() => ({ location: history.location, navigationType: history.action }));
  useLayoutEffect(() => {
    // A change between the first render and this subscription must not be missed.
    setState((s) => (s.location === history.location ? s : { location: history.location, navigationType: history.action }));
    return history.listen(({ location, action }) => startTransition(() => setState({ location, navigationType: action })));
  }, [history]);
  const value = useMemo(() => ({ history, ...state }), [history, state]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

/** The router of the running app, on the browser's history. */
export function BrowserRouter({ children }: { children: ReactNode }) {
  const [history] = useState(() => createBrowserHistory());
  return <Router history={history}>{children}</Router>;
}

/** The element of the route that matches the current URL, its parents around it (see <Outlet />). */
export function useRoutes(routes: readonly RouteObject[]): ReactNode {
  const { location } = useRouter();
  const ranked = useMemo(() => rankRoutes(routes), [routes]);
  const match = matchRoutes(ranked, location.pathname);
  if (!match) return null;
  // Built inside out: each route's element sees its child's element as its outlet.
  return match.routes.reduceRight<ReactNode>(
    (outlet, route) => <OutletContext.Provider value={{ params: match.params, outlet }}>{route.element ?? outlet}</OutletContext.Provider>,
    null,
  );
}

/** Where a layout route shows the matched child route. */
export function Outlet() {
  return <>{useContext(OutletContext).outlet}</>;
}

/** The matched route's parameters, decoded (`:pool` of "/pools/a%20b" is "a b"). */
export function useParams(): Readonly<Partial<Params>> {
  return useContext(OutletContext).params;
}

export function useLocation(): Location {
  return useRouter().location;
}

export function useNavigationType(): NavigationType {
  return useRouter().navigationType;
}

/** The current query string. Read-only: no page of the portal writes it. */
export function useSearchParams(): readonly [URLSearchParams] {
  const { search } = useLocation();
  return useMemo(() => [new URLSearchParams(search)] as const, [search]);
}

export interface NavigateOptions {
  replace?: boolean;
}

export type NavigateFunction = {
  (to: string, options?: NavigateOptions): void;
  /** Back (-1) or forward (1). */
  (delta: number): void;
};

/** A stable function that goes to a URL (a new entry, or `replace`) or moves through the history. */
export function useNavigate(): NavigateFunction {
  const { history } = useRouter();
  return useCallback(
    (to: string | number, options?: NavigateOptions) => {
      if (typeof to === "number") history.go(to);
      else if (options?.replace) history.replace(to);
      else history.push(to);
    },
    [history],
  ) as NavigateFunction;
}
