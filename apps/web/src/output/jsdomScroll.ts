/**
 * For tests: jsdom does no layout and cannot scroll an element. A minimal model so the
 * virtualizer's scrolling and the viewer's scroll anchoring can be checked: an element's scroll
 * height is its first child's styled height, and scrollTo moves scrollTop and fires "scroll" like
 * a browser. `installScrollModel()` in beforeAll; the function it returns in afterAll.
 */
export function installScrollModel(): () => void {
  const saved = {
    scrollTo: Object.getOwnPropertyDescriptor(HTMLElement.prototype, "scrollTo"),
    scrollHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, "scrollHeight"),
  };
  Object.defineProperty(HTMLElement.prototype, "scrollHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return parseFloat((this.firstElementChild as HTMLElement | null)?.style.height ?? "") || 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, "scrollTo", {
    configurable: true,
    value(this: HTMLElement, opts: ScrollToOptions) {
      const max = Math.max(0, this.scrollHeight - this.clientHeight);
      this.scrollTop = Math.min(max, Math.max(0, opts.top ?? this.scrollTop));
      this.dispatchEvent(new Event("scroll"));
    },
  });
  return () => {
    for (const [key, d] of Object.entries(saved)) {
      if (d) Object.defineProperty(HTMLElement.prototype, key, d);
      else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[key];
    }
  };
}
