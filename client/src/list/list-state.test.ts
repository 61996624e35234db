import { describe, expect, it } from "vitest";
import {
  exportQuery,
  firstRowOf,
  formatListState,
  INITIAL_LIST_STATE,
  type ListState,
  movePage,
  ordersVariables,
  type PageFacts,
  parseListState,
  withList,
} from "./list-state.js";

const parse = (query: string): ListState => parseListState(new URLSearchParams(query));

const middle: PageFacts = { rows: 25, hasNextPage: true, hasPreviousPage: true, startCursor: "s", endCursor: "e" };

describe("the list state in the URL", () => {
  it("is empty for the first page of the default list", () => {
    expect(parse("")).toEqual(INITIAL_LIST_STATE);
    expect(formatListState(INITIAL_LIST_STATE)).toBe("");
  });

  it("reads back what it writes", () => {
    const state: ListState = {
      size: 50,
      sort: "ORDER_DATE_ASC",
      filter: { userId: "user 1", storeCode: "WEB-1388012W", from: "2024-05-01", to: "2024-05-31" },
      page: { kind: "after", cursor: "abc+/=", row: 51 },
    };
    const query = formatListState(state);
    expect(query).toBe("size=50&sort=oldest&user=user+1&store=WEB-1388012W&from=2024-05-01&to=2024-05-31&after=abc%2B%2F%3D&row=51");
    expect(parse(query)).toEqual(state);
    expect(parse("page=last")).toEqual({ ...INITIAL_LIST_STATE, page: { kind: "last" } });
    expect(parse("before=xyz&row=26").page).toEqual({ kind: "before", cursor: "xyz", row: 26 });
  });

  it("ignores what it cannot use instead of failing", () => {
    expect(parse("size=30&sort=sideways&user=%20%20&row=-3&after=a&before=b")).toEqual(INITIAL_LIST_STATE);
    expect(parse("after=a&row=0").page).toEqual({ kind: "after", cursor: "a" });
  });

  it("opens a link with a date that does not exist at the first page, without that date, and says so", () => {
    expect(parse("from=2024-02-30&to=yesterday&after=a&row=26&user=u")).toEqual({ ...INITIAL_LIST_STATE, filter: { userId: "u" }, linkBroken: true });
    expect(formatListState(parse("from=2024-02-30&user=u"))).toBe("user=u");
  });

  it("keeps the search and the open order in the URL", () => {
    const state: ListState = { ...INITIAL_LIST_STATE, filter: { search: "4f3a", storeCode: "web" }, order: "b3JkZXI" };
    expect(formatListState(state)).toBe("q=4f3a&store=web&order=b3JkZXI");
    expect(parse("q=4f3a&store=web&order=b3JkZXI")).toEqual(state);
    expect(ordersVariables(state).filter).toEqual({ search: "4f3a", storeCode: "web" });
  });

  it("exports what the list shows: the same filter, search and sort", () => {
    const query = new URLSearchParams(exportQuery(parse("q=4f3a&store=web&to=2024-05-31&sort=oldest&after=c&row=26&order=x")));
    expect(Object.fromEntries(query)).toEqual({ search: "4f3a", storeCode: "web", orderDateTo: "2024-05-31T23:59:59.999Z", sort: "ORDER_DATE_ASC" });
    expect(exportQuery(INITIAL_LIST_STATE)).toBe("sort=ORDER_DATE_DESC");
  });

  it("asks the API for the page, with a whole-day upper bound", () => {
    expect(ordersVariables(parse("size=100&after=c&to=2024-05-31&user=u"))).toEqual({
      page: { first: 100, after: "c" },
      sort: "ORDER_DATE_DESC",
      filter: { userId: "u", orderDateTo: "2024-05-31T23:59:59.999Z" },
    });
    expect(ordersVariables(parse("before=c")).page).toEqual({ last: 25, before: "c" });
    expect(ordersVariables(parse("page=last&size=50")).page).toEqual({ last: 50 });
    expect(ordersVariables(parse("")).page).toEqual({ first: 25 });
    expect(ordersVariables(parse(""))).not.toHaveProperty("filter");
  });
});

describe("where a page sits", () => {
  it("is row 1 at the start, follows from the total at the end, and is carried in between", () => {
    expect(firstRowOf({ kind: "first" }, { ...middle, hasPreviousPage: false }, undefined)).toBe(1);
    expect(firstRowOf({ kind: "last" }, { ...middle, hasNextPage: false }, 1_000_000)).toBe(999_976);
    expect(firstRowOf({ kind: "last" }, { ...middle, hasNextPage: false }, undefined)).toBeUndefined();
    expect(firstRowOf({ kind: "after", cursor: "c", row: 26 }, middle, 1_000_000)).toBe(26);
    expect(firstRowOf({ kind: "after", cursor: "c" }, middle, 1_000_000)).toBeUndefined();
    // At the start the URL's row is wrong (orders were added before it): the list's own answer wins.
    expect(firstRowOf({ kind: "before", cursor: "c", row: 26 }, { ...middle, hasPreviousPage: false }, 80)).toBe(1);
    expect(firstRowOf({ kind: "first" }, { ...middle, rows: 0, hasNextPage: false, hasPreviousPage: false }, 0)).toBeUndefined();
  });

  it("moves forward and back by cursor, carrying the position", () => {
    const state: ListState = { ...INITIAL_LIST_STATE, page: { kind: "after", cursor: "c", row: 26 } };
    expect(movePage(state, "next", middle, 26)?.page).toEqual({ kind: "after", cursor: "e", row: 51 });
    expect(movePage(state, "previous", middle, 26)?.page).toEqual({ kind: "before", cursor: "s", row: 1 });
    expect(movePage(state, "previous", middle, 60)?.page).toEqual({ kind: "before", cursor: "s", row: 35 });
    expect(movePage(state, "next", middle, undefined)?.page).toEqual({ kind: "after", cursor: "e" });
    expect(movePage(state, "first", middle, 26)?.page).toEqual({ kind: "first" });
    expect(movePage(state, "last", middle, 26)?.page).toEqual({ kind: "last" });
  });

  it("goes nowhere past either end", () => {
    const atStart: PageFacts = { ...middle, hasPreviousPage: false };
    const atEnd: PageFacts = { ...middle, hasNextPage: false };
    expect(movePage(INITIAL_LIST_STATE, "previous", atStart, 1)).toBeUndefined();
    expect(movePage(INITIAL_LIST_STATE, "first", atStart, 1)).toBeUndefined();
    expect(movePage(INITIAL_LIST_STATE, "next", atEnd, 1)).toBeUndefined();
    expect(movePage(INITIAL_LIST_STATE, "last", atEnd, 1)).toBeUndefined();
  });

  it("starts again at the first page when the filter, sort or size changes (cursors belong to one list)", () => {
    const state: ListState = { ...INITIAL_LIST_STATE, page: { kind: "after", cursor: "c", row: 26 } };
    expect(withList(state, { size: 100 })).toEqual({ ...state, size: 100, page: { kind: "first" } });
    expect(withList(state, { filter: { userId: "u" } }).page).toEqual({ kind: "first" });
  });
});
