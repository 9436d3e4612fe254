import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { onDemand, useOnDemand } from "./onDemand";
import { SwapHost } from "./SwapHost";

/** A light trigger that asks for its real control on focus or pointer, as the top bar's do. */
function setup() {
  let arrive: () => void = () => undefined;
  const module = onDemand(
    () =>
      new Promise<{ Real: () => React.ReactElement }>((resolve) => {
        arrive = () => resolve({ Real: () => <button>real</button> });
      }),
  );
  function Trigger() {
    const [loaded, request] = useOnDemand(module);
    return (
      <>
        <SwapHost swapped={!!loaded}>{loaded ? <loaded.Real /> : <button onFocus={request} onPointerEnter={request}>light</button>}</SwapHost>
        <button>elsewhere</button>
      </>
    );
  }
  render(<Trigger />);
  return { arrive: () => act(() => arrive()) };
}

describe("SwapHost", () => {
  it("hands the keyboard focus from the light trigger to the control that replaces it", async () => {
    const { arrive } = setup();
    act(() => screen.getByRole("button", { name: "light" }).focus());
    await arrive();
    await waitFor(() => expect(screen.queryByRole("button", { name: "light" })).toBeNull());
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "real" }));
  });

  it("leaves the focus alone when the trigger did not have it", async () => {
    const { arrive } = setup();
    await userEvent.hover(screen.getByRole("button", { name: "light" }));
    act(() => screen.getByRole("button", { name: "elsewhere" }).focus());
    await arrive();
    await waitFor(() => expect(screen.getByRole("button", { name: "real" })).toBeTruthy());
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "elsewhere" }));
  });
});
