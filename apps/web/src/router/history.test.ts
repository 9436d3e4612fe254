import { afterEach, describe, expect, it } from "vitest";
import { createBrowserHistory, createMemoryHistory, type History, type Location, type NavigationType } from "./history";

const record = (history: History) => {
  const seen: { location: Location; action: NavigationType }[] = [];
  const stop = history.listen((update) => seen.push(update));
  return { seen, stop };
};

describe("createMemoryHistory", () => {
  it("pushes, replaces and moves back and forward with keys that stay with their entries", () => {
    const history = createMemoryHistory({ initialEntries: ["/pools"] });
    expect(history.location).toMatchObject({ pathname: "/pools", key: "default" });
    const { seen } = record(history);
    history.push("/pools/p1?tab=nodes#top");
    const p1 = history.location;
    expect(p1).toMatchObject({ pathname: "/pools/p1", search: "?tab=nodes", hash: "#top" });
    expect(history.action).toBe("PUSH");
    history.go(-1);
    expect(history.location.key).toBe("default");
    expect(history.action).toBe("POP");
    history.go(1);
    expect(history.location).toBe(p1);
    history.replace("/jobs");
    expect(history.location.key).not.toBe(p1.key);
    history.go(1); // nothing ahead: no change, no notification
    expect(seen.map((s) => `${s.action} ${s.location.pathname}`)).toEqual(["PUSH /pools/p1", "POP /pools", "POP /pools/p1", "REPLACE /jobs"]);
  });

  it("drops the forward entries when pushing after going back", () => {
    const history = createMemoryHistory({ initialEntries: ["/a", "/b", "/c"] });
    history.go(-2);
    history.push("/d");
    history.go(1);
    expect(history.location.pathname).toBe("/d");
    history.go(-1);
    expect(history.location.pathname).toBe("/a");
  });
});

describe("createBrowserHistory", () => {
  afterEach(() => window.history.replaceState(null, "", "/"));

  it("writes the URL and a key into the browser's history and follows back/forward", async () => {
    window.history.replaceState(null, "", "/a/acct/pools");
    const history = createBrowserHistory(window);
    expect(history.location).toMatchObject({ pathname: "/a/acct/pools", key: "default", search: "" });
    const { seen, stop } = record(history);

    history.push("/a/acct/pools/p1?x=1");
    expect(window.location.pathname + window.location.search).toBe("/a/acct/pools/p1?x=1");
    const pushedKey = history.location.key;
    expect((window.history.state as { key: string }).key).toBe(pushedKey);

    const popped = new Promise<void>((resolve) => window.addEventListener("popstate", () => resolve(), { once: true }));
    window.history.back();
    await popped;
    expect(history.location).toMatchObject({ pathname: "/a/acct/pools", key: "default" });
    expect(history.action).toBe("POP");

    const forward = new Promise<void>((resolve) => window.addEventListener("popstate", () => resolve(), { once: true }));
    history.go(1);
    await forward;
    expect(history.location).toMatchObject({ pathname: "/a/acct/pools/p1", key: pushedKey });

    history.replace("/a/acct/jobs");
    expect(window.location.pathname).toBe("/a/acct/jobs");
    expect(seen.map((s) => s.action)).toEqual(["PUSH", "POP", "POP", "REPLACE"]);
    stop();
  });
});
