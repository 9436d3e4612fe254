import { AxeBuilder } from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";

/** WCAG 2.1 A and AA plus axe's best practices: what the portal promises ("no axe violations"). */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/**
 * Exclusions, one rule on one kind of element at a time (never a whole rule or page). Product bugs
 * are reported to the lead; remove an entry when its bug is fixed, and the journey guards it again.
 */
export const KNOWN_A11Y_ISSUES: {
  rule: string;
  /** Part of the element's opening tag, as axe reports it. */
  html: string;
  bug: string;
}[] = [
  {
    rule: "aria-hidden-focus",
    html: "data-tabster-dummy",
    bug: "Not a product bug: Fluent UI v9's focus manager (tabster) puts aria-hidden, focusable sentinels around open menus and dialogs on purpose, to move Tab focus back inside; axe cannot know that.",
  },
  {
    rule: "region",
    html: "fui-MenuPopover",
    bug: "Not a product bug: an open Fluent menu is drawn in a portal at the end of <body> so it can overlay the page, outside the landmarks; it is a transient role=menu popup owned by its trigger button (aria-controls), as WAI-ARIA menus are.",
  },
];

const isKnown = (rule: string, html: string): boolean => KNOWN_A11Y_ISSUES.some((k) => k.rule === rule && html.includes(k.html));

/**
 * Waits (bounded) until no CSS animation or transition is running. axe computes colour contrast from
 * the colours at the instant it looks: a toast caught mid-fade reads as grey text on white, which is a
 * false finding, not what an operator sees once it has appeared.
 */
async function settleAnimations(page: Page): Promise<void> {
  await page
    .waitForFunction(
      // Endless animations (spinners) never finish; only finite ones (fades, slides) are waited for.
      () => document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity),
      undefined,
      { timeout: 5_000, polling: 100 },
    )
    .catch(() => undefined); // still moving after 5 s: axe runs on the page as it is
}

/**
 * Runs axe on the page as it is now. Every violation, whatever its impact, fails the journey with the
 * rule, the help text and the offending elements; every finding is attached to the test report as JSON.
 */
export async function expectAccessible(page: Page, testInfo: TestInfo, pageName: string): Promise<void> {
  await settleAnimations(page);
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  await testInfo.attach(`axe-${pageName}.json`, {
    body: JSON.stringify({ url: page.url(), violations: results.violations }, null, 2),
    contentType: "application/json",
  });
  const failing: string[] = [];
  for (const v of results.violations) {
    for (const node of v.nodes) {
      const target = node.target.join(" ");
      if (isKnown(v.id, node.html)) {
        testInfo.annotations.push({ type: "axe (known product issue)", description: `${pageName}: ${v.id} on ${target}` });
        continue;
      }
      failing.push(`${v.id} (${v.impact}): ${v.help} — ${target}\n    ${node.html}\n    ${node.failureSummary ?? ""}`);
    }
  }
  expect(failing, `axe violations on ${pageName} (${page.url()})`).toEqual([]);
}
