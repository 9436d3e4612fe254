import { describe, expect, it } from "vitest";
import { render } from "@testing-library/react";
import { Dropdown, FluentProvider, Option, webLightTheme } from "@fluentui/react-components";
import { ClosedDropdown } from "./ClosedDropdown";

/** The element tree and classes of a closed dropdown, without ids that differ per instance. */
const shape = (root: Element) => {
  const button = root.querySelector("button")!;
  const icon = button.querySelector("span")!;
  return {
    root: root.className,
    button: button.className,
    role: button.getAttribute("role"),
    type: button.getAttribute("type"),
    expanded: button.getAttribute("aria-expanded"),
    label: button.getAttribute("aria-label"),
    text: button.textContent,
    icon: icon.className,
    iconSvg: icon.querySelector("svg")?.getAttribute("class"),
  };
};

describe("ClosedDropdown", () => {
  it.each([
    ["with a value", "acct (westeurope)"],
    ["with the placeholder", undefined],
  ])("renders like a closed Fluent Dropdown %s", (_, value) => {
    const real = render(
      <FluentProvider theme={webLightTheme}>
        <Dropdown className="extra" aria-label="Batch account" placeholder="Choose" value={value ?? ""} selectedOptions={[]}>
          <Option value="a">a</Option>
        </Dropdown>
      </FluentProvider>,
    );
    const light = render(
      <FluentProvider theme={webLightTheme}>
        <ClosedDropdown className="extra" aria-label="Batch account" placeholder="Choose" value={value} />
      </FluentProvider>,
    );
    const realRoot = real.container.querySelector(".fui-Dropdown")!;
    const lightRoot = light.container.querySelector(".fui-Dropdown")!;
    expect(shape(lightRoot)).toEqual(shape(realRoot));
  });
});
