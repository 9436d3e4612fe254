import { afterEach } from "vitest";
import { cleanup, configure } from "@testing-library/react";

afterEach(() => cleanup());

// findBy*/waitFor wait up to 10 s instead of 1 s: lazily loaded chunks (the virtualizer, dialogs)
// arrive late on a loaded 2-core CI machine. A passing wait returns as soon as it passes, so this
// costs nothing when the machine is idle and only turns load into a slower pass, not a failure.
configure({ asyncUtilTimeout: 10_000 });

// jsdom lacks these; Fluent and the virtualizer call them.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
if (!window.ResizeObserver) {
  window.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

// jsdom does no layout: give elements a screen-sized box so virtualized lists render their
// first screenful (the virtualizer measures clientHeight/offsetHeight).
for (const [prop, value] of [
  ["clientHeight", 600],
  ["clientWidth", 1000],
  ["offsetHeight", 40],
  ["offsetWidth", 1000],
] as const) {
  Object.defineProperty(HTMLElement.prototype, prop, { configurable: true, get: () => value });
}

// jsdom has no canvas; the heatmap draws nothing there (its text summary is what tests check).
HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement["getContext"];

// jsdom does not scroll; ScrollRestorer calls this on navigation.
window.scrollTo = (() => {}) as typeof window.scrollTo;
