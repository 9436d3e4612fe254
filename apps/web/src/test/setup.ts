import { afterEach } from "vitest";
import { cleanup } from "@testing-library/react";

afterEach(() => cleanup());

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
