import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { OrderSearch } from "../api/list-query.js";
import { FilterBar, type FilterBarProps } from "./FilterBar.js";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function renderBar(overrides: Partial<FilterBarProps> = {}) {
  const props: FilterBarProps = { filter: {}, sort: "ORDER_DATE_DESC", problems: [], onApply: vi.fn(), ...overrides };
  render(<FilterBar {...props} />);
  return props;
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.input(field(label), { target: { value } });

const several: OrderSearch = {
  term: "4f3",
  match: null,
  suggestions: [
    { field: "USER_ID", value: "4f3a-user", exact: false },
    { field: "STORE_CODE", value: "4F3-STORE", exact: false },
    { field: "DATE_UUID", value: "4f3b0000-0000-4000-8000-000000000000", exact: true },
  ],
};

describe("FilterBar: the search box", () => {
  it("says what a search was taken to mean", () => {
    renderBar({ filter: { search: "4f3a" }, search: { term: "4f3a", match: { field: "USER_ID", value: "4f3a-user", exact: false }, suggestions: [] } });
    expect(screen.getByText(/Orders of User ID/).textContent).toBe("Orders of User ID 4f3a-user.");
    expect(screen.queryAllByRole("button", { name: /4f3a-user/ })).toEqual([]);
  });

  it("says so in a few words when nothing matches", () => {
    renderBar({ filter: { search: "zzz" }, search: { term: "zzz", match: null, suggestions: [] } });
    expect(screen.getByText("Nothing matches “zzz”.")).toBeTruthy();
  });

  it("offers each thing an ambiguous term could mean as a button; choosing one sets that filter and clears the search", () => {
    const props = renderBar({ filter: { search: "4f3", from: "2024-05-01" }, search: several });
    expect(screen.getByText("“4f3” could mean more than one thing: choose one.")).toBeTruthy();
    const choices = screen.getAllByRole("button").filter((button) => button.closest(".search-outcome"));
    expect(choices.map((button) => button.textContent)).toEqual([
      "User ID 4f3a-user",
      "Store code 4F3-STORE",
      "Date UUID 4f3b0000-0000-4000-8000-000000000000",
    ]);
    // What else is typed in the bar goes with the choice.
    type("Store code", "typed-not-applied");
    fireEvent.click(choices[0]!);
    expect(props.onApply).toHaveBeenLastCalledWith({ from: "2024-05-01", storeCode: "typed-not-applied", search: undefined, userId: "4f3a-user" }, "ORDER_DATE_DESC");
    expect(document.activeElement).toBe(field("User ID"));
    fireEvent.click(choices[2]!);
    expect(props.onApply).toHaveBeenLastCalledWith(expect.objectContaining({ search: "4f3b0000-0000-4000-8000-000000000000" }), "ORDER_DATE_DESC");
  });

  it("shows the API's complaint beside the search box", () => {
    renderBar({ filter: { search: "ab" }, problems: [{ field: "filter.search", message: "Search needs at least 3 characters." }] });
    expect(field("Search").getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById("filter-search-error")?.textContent).toContain("Search needs at least 3 characters.");
  });
});

describe("FilterBar: applying", () => {
  it("applies what is typed with Enter, and with a change of sort", () => {
    const props = renderBar();
    type("Search", " 4f3a ");
    type("User ID", "u-1");
    fireEvent.submit(field("Search").form!);
    expect(props.onApply).toHaveBeenLastCalledWith({ search: "4f3a", userId: "u-1" }, "ORDER_DATE_DESC");
    type("Store code", "web");
    fireEvent.change(screen.getByLabelText("Sort"), { target: { value: "ORDER_DATE_ASC" } });
    expect(props.onApply).toHaveBeenLastCalledWith({ search: "4f3a", userId: "u-1", storeCode: "web" }, "ORDER_DATE_ASC");
  });

  it("sets whole days of the staff's calendar with Today, Last 7 days and This month", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(2024, 1, 27, 15, 30));
    const props = renderBar({ filter: { userId: "u-1" } });
    const range = (label: string) => {
      fireEvent.click(screen.getByRole("button", { name: label }));
      return (props.onApply as ReturnType<typeof vi.fn>).mock.lastCall;
    };
    expect(range("Today")).toEqual([{ userId: "u-1", from: "2024-02-27", to: "2024-02-27" }, "ORDER_DATE_DESC"]);
    expect(range("Last 7 days")).toEqual([{ userId: "u-1", from: "2024-02-21", to: "2024-02-27" }, "ORDER_DATE_DESC"]);
    // February of a leap year.
    expect(range("This month")).toEqual([{ userId: "u-1", from: "2024-02-01", to: "2024-02-29" }, "ORDER_DATE_DESC"]);
  });
});
