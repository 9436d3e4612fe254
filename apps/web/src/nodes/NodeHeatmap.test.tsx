import { afterEach, describe, expect, it, vi } from "vitest";
import { act, fireEvent, render, screen } from "@testing-library/react";
import type { NodeSummary } from "@batch-studio/shared";
import { ThemeProvider, useTheme } from "../components/theme";
import { NodeHeatmap } from "./NodeHeatmap";

const node = (i: number, state: string): NodeSummary => ({ id: `tvm-${i}`, state }) as NodeSummary;
const nodes = [node(0, "idle"), node(1, "running"), node(2, "starttaskfailed")];

/** jsdom has no canvas: a 2D context that records the cells drawn (pure drawing calls, no pixels). */
const recordDraws = () => {
  const cells: { x: number; y: number }[] = [];
  const ctx = { setTransform() {}, clearRect() {}, fillStyle: "", fillRect: (x: number, y: number) => cells.push({ x, y }) };
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(ctx as unknown as CanvasRenderingContext2D);
  return cells;
};

function DarkButton() {
  const { setChoice } = useTheme();
  return <button onClick={() => setChoice("dark")}>dark</button>;
}

describe("NodeHeatmap", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    window.localStorage.clear();
  });

  it("draws one cell per node and draws again when the theme changes (colours come from the theme)", () => {
    window.localStorage.setItem("batch-studio.theme", "light");
    const cells = recordDraws();
    render(
      <ThemeProvider>
        <DarkButton />
        <NodeHeatmap nodes={nodes} />
      </ThemeProvider>,
    );
    expect(cells).toHaveLength(3);
    act(() => screen.getByRole("button", { name: "dark" }).click());
    expect(cells).toHaveLength(6);
  });

  it("names the node under the pointer and opens the one clicked", () => {
    recordDraws();
    const onSelect = vi.fn();
    render(
      <ThemeProvider>
        <NodeHeatmap nodes={nodes} onSelect={onSelect} />
      </ThemeProvider>,
    );
    const canvas = screen.getByRole("img", { name: /Node heatmap/ });
    // 3 nodes on an 800 px wide canvas: 24 px cells with 2 px gaps, so x = 30 is the second cell.
    fireEvent.mouseMove(canvas, { clientX: 30, clientY: 5 });
    expect(canvas.getAttribute("title")).toBe("tvm-1: running (click to open)");
    fireEvent.mouseMove(canvas, { clientX: 25, clientY: 5 });
    expect(canvas.getAttribute("title")).toBe("Click a node to open it");
    fireEvent.click(canvas, { clientX: 60, clientY: 5 });
    expect(onSelect).toHaveBeenCalledWith(nodes[2]);
  });
});
