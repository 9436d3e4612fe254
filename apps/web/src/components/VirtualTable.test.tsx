import { render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { STATIC_ROWS_MAX, VirtualTable, type Column } from "./VirtualTable";

interface Item {
  id: string;
}
const columns: Column<Item>[] = [{ key: "id", header: "Id", width: "1fr", render: (r) => r.id }];
const items = (n: number): Item[] => Array.from({ length: n }, (_, i) => ({ id: `row-${i}` }));
const bodyRows = () => screen.getAllByRole("row").slice(1);

describe("VirtualTable", () => {
  it("renders a short list whole, in order, with row indexes after the header", () => {
    render(<VirtualTable label="Things" columns={columns} rows={items(25)} rowKey={(r) => r.id} />);
    const rows = bodyRows();
    expect(rows).toHaveLength(25);
    expect(rows[0]!.getAttribute("aria-rowindex")).toBe("2");
    expect(rows[24]!.textContent).toBe("row-24");
    expect(screen.getByRole("table", { name: "Things" }).getAttribute("aria-rowcount")).toBe("26");
  });

  it("keeps only a window of a long list in the DOM, while aria-rowcount tells the whole length", async () => {
    const n = STATIC_ROWS_MAX * 5;
    render(<VirtualTable label="Many" columns={columns} rows={items(n)} rowKey={(r) => r.id} />);
    expect(screen.getByRole("table", { name: "Many" }).getAttribute("aria-rowcount")).toBe(String(n + 1));
    // First the first screenful while the virtualizer's code loads, then the virtualized window.
    expect(bodyRows().length).toBeLessThan(100);
    await waitFor(() => expect(bodyRows()[0]!.style.top).toBe("0px"));
    expect(bodyRows().length).toBeGreaterThan(0);
    expect(bodyRows().length).toBeLessThan(100);
  });

  it("virtualizes a paged list of any length and asks for the next page near its end", async () => {
    const onNearEnd = vi.fn();
    render(<VirtualTable label="Paged" columns={columns} rows={items(10)} rowKey={(r) => r.id} totalRows={5000} onNearEnd={onNearEnd} />);
    await waitFor(() => expect(onNearEnd).toHaveBeenCalled());
    expect(screen.getByRole("table", { name: "Paged" }).getAttribute("aria-rowcount")).toBe("5001");
  });
});
