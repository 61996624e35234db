import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { OrderRow } from "../api/list-query.js";
import { OrderTable } from "./OrderTable.js";

afterEach(cleanup);

const order = (n: number, overrides: Partial<OrderRow> = {}): OrderRow => ({
  id: `id-${n}`,
  dateUuid: `0f8fad5b-d9cb-469f-a165-7086772895${String(n).padStart(2, "0")}`,
  userId: `user-${n}`,
  cardLast4: "4242",
  storeCode: "WEB-1388012W",
  productCode: "R7-3126933h",
  productQuantity: 1200,
  orderDate: "2024-05-31T00:00:00.000Z",
  shippingDate: null,
  ...overrides,
});

function renderTable(rows: OrderRow[]) {
  const onOpen = vi.fn();
  render(<OrderTable rows={rows} placeholderRows={25} busy={false} labelledBy="heading" onOpen={onOpen} />);
  const trs = screen.getAllByRole("row").slice(1) as HTMLTableRowElement[];
  return { onOpen, trs };
}

describe("OrderTable", () => {
  it("shows the card as its last four digits, the ids whole with their value as the title, and a dash for what is missing", () => {
    const { trs } = renderTable([order(1), order(2, { cardLast4: null, storeCode: null })]);
    const cells = [...trs[0]!.cells];
    // In this computer's locale; the calendar date read in UTC, the same day everywhere.
    const day = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" }).format(new Date("2024-05-31T00:00:00Z"));
    expect(cells.map((cell) => cell.textContent)).toEqual([
      "0f8fad5b-d9cb-469f-a165-708677289501",
      "user-1",
      "•••• 4242",
      "WEB-1388012W",
      "R7-3126933h",
      new Intl.NumberFormat().format(1200),
      day,
      "—",
    ]);
    expect(cells.slice(0, 2).map((cell) => cell.title)).toEqual(["0f8fad5b-d9cb-469f-a165-708677289501", "user-1"]);
    // Every cell names its column, for the cards a phone shows.
    expect(cells.map((cell) => cell.dataset.label)).toEqual(["Date UUID", "User ID", "Card Number", "Store Code", "Product Code", "Product Quantity", "Order Date", "Shipping Date"]);
    expect([...trs[1]!.cells].map((cell) => cell.textContent).slice(2, 4)).toEqual(["—", "—"]);
  });

  it("opens an order from a click, Enter or Space on its row", () => {
    const { onOpen, trs } = renderTable([order(1), order(2)]);
    fireEvent.click(trs[1]!);
    expect(onOpen).toHaveBeenLastCalledWith("id-2");
    fireEvent.keyDown(trs[0]!, { key: "Enter" });
    expect(onOpen).toHaveBeenLastCalledWith("id-1");
    fireEvent.keyDown(trs[1]!, { key: " " });
    expect(onOpen).toHaveBeenLastCalledWith("id-2");
    expect(onOpen).toHaveBeenCalledTimes(3);
  });

  it("is one stop for Tab: the arrow keys, Home and End move between rows, and the row last focused keeps the stop", async () => {
    const { trs } = renderTable([order(1), order(2), order(3)]);
    expect(trs.map((tr) => tr.tabIndex)).toEqual([0, -1, -1]);
    trs[0]!.focus();
    fireEvent.keyDown(trs[0]!, { key: "ArrowDown" });
    expect(document.activeElement).toBe(trs[1]);
    fireEvent.keyDown(trs[1]!, { key: "End" });
    expect(document.activeElement).toBe(trs[2]);
    fireEvent.keyDown(trs[2]!, { key: "Home" });
    expect(document.activeElement).toBe(trs[0]);
    fireEvent.keyDown(trs[0]!, { key: "ArrowDown" });
    fireEvent.focus(trs[1]!);
    const rows = screen.getAllByRole("row").slice(1) as HTMLTableRowElement[];
    expect(rows.map((tr) => tr.tabIndex)).toEqual([-1, 0, -1]);
  });
});
