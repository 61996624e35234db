import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { useState } from "preact/hooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { describePosition, Pagination, type PaginationProps } from "./Pagination.js";

afterEach(cleanup);

function renderPagination(overrides: Partial<PaginationProps> = {}) {
  const props: PaginationProps = {
    firstRow: 26,
    rows: 25,
    total: 1_000_000,
    hasPreviousPage: true,
    hasNextPage: true,
    size: 25,
    onMove: vi.fn(),
    onSizeChange: vi.fn(),
    ...overrides,
  };
  render(<Pagination {...props} />);
  return props;
}

const button = (name: string) => screen.getByRole("button", { name }) as HTMLButtonElement;

describe("Pagination", () => {
  it("says which rows are shown, of how many, in the staff's number format", () => {
    renderPagination();
    expect(screen.getByText("Showing 26–50 of 1,000,000")).toBeTruthy();
  });

  it("announces changes politely and can take focus", () => {
    renderPagination();
    const status = screen.getByText(/^Showing/);
    expect(status.getAttribute("aria-live")).toBe("polite");
    expect(status.getAttribute("tabindex")).toBe("-1");
  });

  it("says so when the position is not known, instead of inventing one", () => {
    renderPagination({ firstRow: undefined });
    expect(screen.getByText("Showing 25 orders of 1,000,000 (position in the list not known)")).toBeTruthy();
  });

  it("leaves the total out while it is being counted", () => {
    renderPagination({ total: undefined, firstRow: 1 });
    expect(screen.getByText("Showing 1–25")).toBeTruthy();
  });

  it("describes the edge cases plainly", () => {
    expect(describePosition(undefined, undefined, undefined)).toBe("Loading orders…");
    expect(describePosition(undefined, 0, 0)).toBe("No orders to show");
    expect(describePosition(7, 1, 7)).toBe("Showing 7 of 7");
    expect(describePosition(undefined, 1, 7)).toBe("Showing 1 order of 7 (position in the list not known)");
  });

  it("disables First and Previous on the first page, Next and Last on the last", () => {
    renderPagination({ firstRow: 1, hasPreviousPage: false });
    expect([button("First"), button("Previous"), button("Next"), button("Last")].map((b) => b.disabled)).toEqual([true, true, false, false]);
    cleanup();
    renderPagination({ firstRow: 999_976, hasNextPage: false });
    expect([button("First"), button("Previous"), button("Next"), button("Last")].map((b) => b.disabled)).toEqual([false, false, true, true]);
  });

  it("tells which way to move", () => {
    const props = renderPagination();
    for (const [name, move] of [
      ["First", "first"],
      ["Previous", "previous"],
      ["Next", "next"],
      ["Last", "last"],
    ] as const) {
      fireEvent.click(button(name));
      expect(props.onMove).toHaveBeenLastCalledWith(move);
    }
    expect(props.onMove).toHaveBeenCalledTimes(4);
  });

  it("offers 25, 50 and 100 rows a page", () => {
    const props = renderPagination();
    const select = screen.getByRole("combobox", { name: "Rows per page" }) as HTMLSelectElement;
    expect([...select.options].map((option) => option.value)).toEqual(["25", "50", "100"]);
    expect(select.value).toBe("25");
    fireEvent.change(select, { target: { value: "100" } });
    expect(props.onSizeChange).toHaveBeenCalledWith(100);
  });

  it("keeps focus on the status line when the button just used is disabled by the move", async () => {
    function AtTheEnd() {
      const [last, setLast] = useState(false);
      return (
        <Pagination
          firstRow={last ? 999_976 : 26}
          rows={25}
          total={1_000_000}
          hasPreviousPage
          hasNextPage={!last}
          size={25}
          onMove={() => setLast(true)}
          onSizeChange={() => undefined}
        />
      );
    }
    render(<AtTheEnd />);
    button("Last").focus();
    fireEvent.click(button("Last"));
    await screen.findByText("Showing 999,976–1,000,000 of 1,000,000");
    expect(button("Last").disabled).toBe(true);
    expect(document.activeElement).toBe(screen.getByText(/^Showing/));
  });
});
