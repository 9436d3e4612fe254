/**
 * The portal's session history: the browser's (pushState/popstate) or an in-memory one for tests.
 * Every entry has a key that stays with it through back and forward (kept in history.state), so
 * per-entry memory such as scroll positions can be looked up when the reader comes back.
 */
export interface Location {
  pathname: string;
  search: string;
  hash: string;
  /** Unique per history entry; "default" for an entry the portal did not create (first load). */
  key: string;
}

/** How the current entry was reached: a new entry, a replaced one, or back/forward (and first load). */
export type NavigationType = "PUSH" | "REPLACE" | "POP";

export interface History {
  readonly location: Location;
  readonly action: NavigationType;
  push(to: string): void;
  replace(to: string): void;
  /** Back (-1) or forward (1) through the entries. */
  go(delta: number): void;
  /** Called after every change of location; returns the unsubscribe function. */
  listen(listener: (update: { location: Location; action: NavigationType }) => void): () => void;
}

type Listener = Parameters<History["listen"]>[0];

const newKey = () => Math.random().toString(36).slice(2, 10);

/** "/a/x/pools?clone=p#top" as a location (resolved against the current one, so "?q" works too). */
export function parsePath(to: string, key: string, base = "http://portal.invalid/"): Location {
  const url = new URL(to, base);
  return { pathname: url.pathname, search: url.search, hash: url.hash, key };
}

export const createHref = (location: Pick<Location, "pathname" | "search" | "hash">) => location.pathname + location.search + location.hash;

interface EntryState {
  key?: string;
}

/** The browser's history. Entries the portal pushes carry `{ key }` in history.state. */
export function createBrowserHistory(win: Window = window): History {
  const state = (): EntryState => (win.history.state as EntryState | null) ?? {};
  const current = (): Location => {
    const { pathname, search, hash } = win.location;
    return { pathname, search, hash, key: state().key ?? "default" };
  };
  let location = current();
  let action: NavigationType = "POP";
  const listeners = new Set<Listener>();
  const notify = () => listeners.forEach((listener) => listener({ location, action }));
  const write = (to: string, mode: "push" | "replace") => {
    const key = newKey();
    const next = parsePath(to, key, win.location.href);
    if (mode === "push") win.history.pushState({ key }, "", createHref(next));
    else win.history.replaceState({ key }, "", createHref(next));
    location = next;
    action = mode === "push" ? "PUSH" : "REPLACE";
    notify();
  };
  win.addEventListener("popstate", () => {
    location = current();
    action = "POP";
    notify();
  });
  return {
    get location() {
      return location;
    },
    get action() {
      return action;
    },
    push: (to) => write(to, "push"),
    replace: (to) => write(to, "replace"),
    go: (delta) => win.history.go(delta),
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** History kept in memory (tests): the same contract, with synchronous back and forward. */
export function createMemoryHistory({ initialEntries = ["/"], initialIndex }: { initialEntries?: string[]; initialIndex?: number } = {}): History {
  const entries = initialEntries.map((to, i) => parsePath(to, i === 0 ? "default" : newKey()));
  let index = Math.min(Math.max(initialIndex ?? entries.length - 1, 0), entries.length - 1);
  let action: NavigationType = "POP";
  const listeners = new Set<Listener>();
  const notify = () => listeners.forEach((listener) => listener({ location: entries[index]!, action }));
  return {
    get location() {
      return entries[index]!;
    },
    get action() {
      return action;
    },
    push(to) {
      const next = parsePath(to, newKey(), `http://portal.invalid${createHref(entries[index]!)}`);
      entries.splice(index + 1, entries.length, next);
      index += 1;
      action = "PUSH";
      notify();
    },
    replace(to) {
      entries[index] = parsePath(to, newKey(), `http://portal.invalid${createHref(entries[index]!)}`);
      action = "REPLACE";
      notify();
    },
    go(delta) {
      const next = Math.min(Math.max(index + delta, 0), entries.length - 1);
      if (next === index) return;
      index = next;
      action = "POP";
      notify();
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
