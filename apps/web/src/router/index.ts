// The portal's router: declarative routes on the History API, with the hooks the pages use.
// Its own because react-router ships ~13 KB gzip on the first route for the handful used here.
export { createBrowserHistory, createMemoryHistory, type History, type Location, type NavigationType } from "./history";
export { isPlainClick, Link, NavLink } from "./Link";
export { matchRoutes, rankRoutes, type Params, type RouteObject } from "./matchRoutes";
export {
  BrowserRouter,
  Outlet,
  Router,
  useLocation,
  useNavigate,
  useNavigationType,
  useParams,
  useRoutes,
  useSearchParams,
  type NavigateFunction,
  type NavigateOptions,
} from "./Router";
