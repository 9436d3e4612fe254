import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { Stepper } from "./Stepper";
import { summarizeSteps } from "./steps";
import { axeViolations, visibleLabel } from "../test/axe";

describe("Stepper", () => {
  it("names each step so that what it shows is part of its name, counts included", async () => {
    const summary = summarizeSteps([
      { path: ["container", "registries", 0], level: "error", code: "a", message: "a" },
      { path: ["container"], level: "error", code: "b", message: "b" },
      { path: ["scale"], level: "warning", code: "c", message: "c" },
    ]);
    const { container } = render(<Stepper current="containers" summary={summary} reachable={() => true} visited={new Set(["basics"])} onSelect={() => {}} />);
    screen.getByRole("button", { name: "Step 3: Containers (2 errors)" });
    // No aria-label: the name is one hidden text that holds what the button shows (its title), and
    // the visible number and badges are hidden from assistive tech, so nothing is read twice.
    for (const button of screen.getAllByRole("button")) {
      expect(button.hasAttribute("aria-label")).toBe(false);
      const title = button.querySelector("[aria-hidden=true] + [aria-hidden=true]")?.textContent ?? "";
      expect(title).not.toBe("");
      expect(visibleLabel(button)).toMatch(new RegExp(`^Step \\d: ${title.replace(/[&]/g, "\\$&")}`));
    }
    expect(screen.getByRole("button", { name: "Step 4: Size & scale (1 warning)" })).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });
});
