import axe from "axe-core";

/**
 * Runs axe on a rendered container and returns violations as short strings, so a failing test
 * says which rule broke on which element. Colour contrast needs real layout, so jsdom skips it.
 */
export async function axeViolations(container: Element): Promise<string[]> {
  const result = await axe.run(container, {
    rules: { "color-contrast": { enabled: false }, region: { enabled: false } },
  });
  return result.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
}
