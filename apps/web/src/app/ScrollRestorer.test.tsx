import { act, render } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createMemoryHistory, Router, useRoutes, type RouteObject } from "../router";
import { ScrollRestorer } from "./ScrollRestorer";

/** The reader scrolls to `y` (jsdom does not scroll: set the offset and fire the event). */
const setScrollY = (y: number) => {
  Object.defineProperty(window, "scrollY", { value: y, configurable: true });
  window.dispatchEvent(new Event("scroll"));
};

describe("ScrollRestorer", () => {
  afterEach(() => {
    setScrollY(0);
    vi.restoreAllMocks();
  });

  it("opens new pages at the top and restores the position on back", async () => {
    const scrollTo = vi.spyOn(window, "scrollTo").mockImplementation(() => {});
    const page = (name: string) => (
      <>
        <ScrollRestorer />
        {name}
      </>
    );
    const routes: RouteObject[] = [
      { path: "/pools", element: page("pools") },
      { path: "/pool", element: page("pool") },
    ];
    const history = createMemoryHistory({ initialEntries: ["/pools"] });
    const Routes = () => useRoutes(routes);
    render(
      <Router history={history}>
        <Routes />
      </Router>,
    );
    setScrollY(640); // the reader scrolled down the list
    act(() => history.push("/pool"));
    setScrollY(0); // the new page opened at the top (the browser moves the offset, not jsdom)
    expect(scrollTo).toHaveBeenLastCalledWith(0, 0);
    setScrollY(80);
    act(() => history.go(-1));
    expect(scrollTo).toHaveBeenLastCalledWith(0, 640);
    act(() => history.go(1));
    expect(scrollTo).toHaveBeenLastCalledWith(0, 80);
  });
});
