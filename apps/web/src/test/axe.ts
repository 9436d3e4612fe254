import axe from "axe-core";

/**
 * Runs axe on a rendered container and returns violations as short strings, so a failing test
 * says which rule broke on which element. Colour contrast needs real layout, so jsdom skips it.
 */
export async function axeViolations(container: Element): Promise<string[]> {
  const result = await axe.run(container, {
    // label-content-name-mismatch (WCAG 2.5.3) is experimental in axe, so off by default: on here.
    rules: { "color-contrast": { enabled: false }, region: { enabled: false }, "label-content-name-mismatch": { enabled: true } },
  });
  return result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
}

/**
 * The text a sighted user sees on a control, minus what is hidden from assistive tech: WCAG 2.5.3
 * wants it inside the accessible name. (axe's label-content-name-mismatch cannot see layout in
 * jsdom, so component tests check this directly.)
 */
export function visibleLabel(el: Element): string {
  const copy = el.cloneNode(true) as Element;
  copy.querySelectorAll("[aria-hidden=true]").forEach((n) => n.remove());
  return (copy.textContent ?? "").replace(/\s+/g, " ").trim();
}
