import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { createMemoryHistory } from "./history";
import { Link, NavLink } from "./Link";
import { Outlet, Router, useLocation, useNavigate, useNavigationType, useParams, useRoutes, useSearchParams } from "./Router";
import type { RouteObject } from "./matchRoutes";

function Shell() {
  const { account } = useParams();
  return (
    <div>
      <nav>
        <NavLink to="/a/acct/pools" className={({ isActive }) => (isActive ? "on" : "off")}>
          Pools
        </NavLink>
        <Link to="/a/acct/jobs">Jobs</Link>
      </nav>
      <p>shell of {account ?? "none"}</p>
      <Outlet />
    </div>
  );
}

function Pool() {
  const { pool } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const type = useNavigationType();
  return (
    <div>
      <p>
        pool {pool} tab {search.get("tab") ?? "-"} via {type}
      </p>
      <button onClick={() => navigate(-1)}>Back</button>
      <button onClick={() => navigate("/a/acct/jobs", { replace: true })}>Jobs instead</button>
    </div>
  );
}

function Where() {
  const location = useLocation();
  return <p>at {location.pathname}</p>;
}

const routes: RouteObject[] = [
  {
    element: <Shell />,
    children: [
      { path: "/a/:account/pools", element: <Link to="/a/acct/pools/p%201?tab=nodes">Open p 1</Link> },
      { path: "/a/:account/pools/:pool", element: <Pool /> },
      { path: "/a/:account/jobs", element: <Where /> },
    ],
  },
  { path: "*", element: <p>nothing here</p> },
];

function App() {
  return useRoutes(routes);
}

const renderAt = (url: string) => {
  const history = createMemoryHistory({ initialEntries: [url] });
  render(
    <Router history={history}>
      <App />
    </Router>,
  );
  return history;
};

describe("Router", () => {
  it("renders the layout around the matched page, with the page's params in both", () => {
    renderAt("/a/acct/pools/render");
    expect(screen.getByText("shell of acct")).toBeTruthy();
    expect(screen.getByText("pool render tab - via POP")).toBeTruthy();
  });

  it("follows links, decodes params, reads the query, and goes back", async () => {
    const history = renderAt("/a/acct/pools");
    expect(screen.getByRole("link", { name: "Pools" }).getAttribute("aria-current")).toBe("page");
    await userEvent.click(screen.getByRole("link", { name: "Open p 1" }));
    expect(screen.getByText("pool p 1 tab nodes via PUSH")).toBeTruthy();
    // Still under Pools: the nav link stays active.
    expect(screen.getByRole("link", { name: "Pools" }).className).toBe("on");
    await userEvent.click(screen.getByRole("button", { name: "Back" }));
    expect(history.location.pathname).toBe("/a/acct/pools");
    expect(screen.getByRole("link", { name: "Open p 1" })).toBeTruthy();
    act(() => history.go(1));
    expect(screen.getByText("pool p 1 tab nodes via POP")).toBeTruthy();
  });

  it("replaces the entry when asked, and leaves modified clicks to the browser", async () => {
    const history = renderAt("/a/acct/pools/p1");
    await userEvent.click(screen.getByRole("button", { name: "Jobs instead" }));
    expect(screen.getByText("at /a/acct/jobs")).toBeTruthy();
    expect(history.action).toBe("REPLACE");
    expect(screen.getByRole("link", { name: "Pools" }).getAttribute("aria-current")).toBeNull();

    const jobs = screen.getByRole("link", { name: "Jobs" });
    expect(jobs.getAttribute("href")).toBe("/a/acct/jobs");
    const before = history.location;
    // jsdom cannot open a new tab: stop its default action after the router has seen the click.
    const stopDefault = (e: Event) => e.preventDefault();
    window.addEventListener("click", stopDefault);
    const event = new MouseEvent("click", { bubbles: true, cancelable: true, button: 0, ctrlKey: true });
    act(() => void jobs.dispatchEvent(event));
    window.removeEventListener("click", stopDefault);
    expect(history.location).toBe(before); // a new tab is the browser's business
  });

  it("shows the catch-all for an unknown URL", () => {
    renderAt("/somewhere/else");
    expect(screen.getByText("nothing here")).toBeTruthy();
  });
});
