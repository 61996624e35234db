/**
 * What the order list shows, as it is kept in the URL: page size, sort, search, filters, where
 * the page sits and the order whose details are open. Reload, the back button and a shared link
 * all read the same state back.
 *
 *   ?size=50&sort=oldest&q=…&user=…&store=…&from=2024-05-01&to=2024-05-31&after=<cursor>&row=51&order=<id>
 *
 * The API's cursors do not tell how far into the list a page is, so the client carries the
 * 1-based position of the page's first row (`row`) alongside the cursor as it moves. A link
 * with a cursor but no row (or a tampered one) shows "position unknown" until the list reaches
 * one of its ends, where the position is known for certain.
 */
export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 25;

export type SortOrder = "ORDER_DATE_DESC" | "ORDER_DATE_ASC";

/** Filters as typed: trimmed text and calendar dates (YYYY-MM-DD), each left out when empty. */
export interface ListFilter {
  /** The one search box: a Date UUID, or the start of a User ID or Store code. */
  search?: string;
  userId?: string;
  storeCode?: string;
  from?: string;
  to?: string;
}

export type PagePlace =
  | { kind: "first" }
  | { kind: "last" }
  | { kind: "after"; cursor: string; row?: number }
  | { kind: "before"; cursor: string; row?: number };

export interface ListState {
  size: PageSize;
  sort: SortOrder;
  filter: ListFilter;
  page: PagePlace;
  /** The order whose details are open (its opaque id). */
  order?: string;
  /**
   * Part of the link could not be used (a date that does not exist, a cursor the API refused),
   * so this is the first page: the list says so once. Never written to the URL.
   */
  linkBroken?: boolean;
}

export const INITIAL_LIST_STATE: ListState = { size: DEFAULT_PAGE_SIZE, sort: "ORDER_DATE_DESC", filter: {}, page: { kind: "first" } };

const FILTER_PARAMS = { search: "q", userId: "user", storeCode: "store", from: "from", to: "to" } as const satisfies Record<keyof ListFilter, string>;

function text(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name)?.trim();
  return value ? value : undefined;
}

/**
 * A real calendar date as date inputs give it (2024-05-31); anything else in the URL is
 * ignored. (Not the order rules' parser: that would pull the rules into the list's bundle.)
 */
function calendarDate(value: string | undefined): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? value : undefined;
}

function positiveInteger(value: string | undefined): number | undefined {
  if (!value || !/^\d{1,15}$/.test(value)) return undefined;
  const number = Number(value);
  return number >= 1 ? number : undefined;
}

const FIRST_PAGE: PagePlace = { kind: "first" };

function pagePlace(params: URLSearchParams): PagePlace {
  const after = text(params, "after");
  const before = text(params, "before");
  const row = positiveInteger(text(params, "row"));
  if (after && !before) return { kind: "after", cursor: after, ...(row ? { row } : {}) };
  if (before && !after) return { kind: "before", cursor: before, ...(row ? { row } : {}) };
  return params.get("page") === "last" ? { kind: "last" } : FIRST_PAGE;
}

export function parseListState(params: URLSearchParams): ListState {
  const size = PAGE_SIZES.find((candidate) => String(candidate) === params.get("size")) ?? DEFAULT_PAGE_SIZE;
  const sort: SortOrder = params.get("sort") === "oldest" ? "ORDER_DATE_ASC" : "ORDER_DATE_DESC";
  const filter: ListFilter = {};
  let linkBroken = false;
  for (const key of Object.keys(FILTER_PARAMS) as Array<keyof ListFilter>) {
    const raw = text(params, FILTER_PARAMS[key]);
    const value = key === "from" || key === "to" ? calendarDate(raw) : raw;
    if (value) filter[key] = value;
    // A date that does not exist was typed or edited into the link: the rest of it may not be what was meant either.
    else if (raw) linkBroken = true;
  }

  const order = text(params, "order");
  // Without the date it was made with, the link's cursor belongs to another list: it opens at the first page.
  const page = linkBroken ? FIRST_PAGE : pagePlace(params);
  return { size, sort, filter, page, ...(order ? { order } : {}), ...(linkBroken ? { linkBroken } : {}) };
}

/** The query string for a state, without the `?`; the initial state is the empty string. */
export function formatListState(state: ListState): string {
  const params = new URLSearchParams();
  if (state.size !== DEFAULT_PAGE_SIZE) params.set("size", String(state.size));
  if (state.sort === "ORDER_DATE_ASC") params.set("sort", "oldest");
  for (const key of Object.keys(FILTER_PARAMS) as Array<keyof ListFilter>) {
    const value = state.filter[key];
    if (value) params.set(FILTER_PARAMS[key], value);
  }
  const { page } = state;
  if (page.kind === "last") params.set("page", "last");
  if (page.kind === "after" || page.kind === "before") {
    params.set(page.kind, page.cursor);
    if (page.row) params.set("row", String(page.row));
  }
  if (state.order) params.set("order", state.order);
  return params.toString();
}

export function hasFilter(filter: ListFilter): boolean {
  return Object.values(filter).some(Boolean);
}

export interface OrdersVariables {
  page: { first?: number; after?: string; last?: number; before?: string };
  sort: SortOrder;
  filter?: { search?: string; userId?: string; storeCode?: string; orderDateFrom?: string; orderDateTo?: string };
}

/**
 * The API's filter: a whole-day "to" bound ends at the day's last millisecond. Days are UTC days,
 * as the API documents them: the old app's order dates are calendar dates stored as midnight UTC.
 */
export function filterVariables(filter: ListFilter): OrdersVariables["filter"] {
  if (!hasFilter(filter)) return undefined;
  return {
    ...(filter.search ? { search: filter.search } : {}),
    ...(filter.userId ? { userId: filter.userId } : {}),
    ...(filter.storeCode ? { storeCode: filter.storeCode } : {}),
    ...(filter.from ? { orderDateFrom: filter.from } : {}),
    ...(filter.to ? { orderDateTo: `${filter.to}T23:59:59.999Z` } : {}),
  };
}

export function ordersVariables(state: ListState): OrdersVariables {
  const { page, size } = state;
  const filter = filterVariables(state.filter);
  const pageInput =
    page.kind === "first"
      ? { first: size }
      : page.kind === "last"
        ? { last: size }
        : page.kind === "after"
          ? { first: size, after: page.cursor }
          : { last: size, before: page.cursor };
  return { page: pageInput, sort: state.sort, ...(filter ? { filter } : {}) };
}

/** The CSV of every order the list shows: the same filter, search and sort (ORDERS_CSV_PARAMETERS). */
export function exportQuery(state: ListState): string {
  return new URLSearchParams({ ...filterVariables(state.filter), sort: state.sort }).toString();
}

/** What a page of the connection says about where it is. */
export interface PageFacts {
  rows: number;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/**
 * The 1-based position of the page's first row, when it can be known: at the start of the
 * list it is 1, at its end it follows from the total, in between it is what navigation carried.
 */
export function firstRowOf(place: PagePlace, page: PageFacts, total: number | undefined): number | undefined {
  if (page.rows === 0) return undefined;
  if (!page.hasPreviousPage) return 1;
  if (!page.hasNextPage && total !== undefined) return Math.max(1, total - page.rows + 1);
  if (place.kind === "after" || place.kind === "before") return place.row;
  return undefined;
}

export type PageMove = "first" | "previous" | "next" | "last";

/** The state a pagination button leads to, or undefined when it leads nowhere from this page. */
export function movePage(state: ListState, move: PageMove, page: PageFacts, firstRow: number | undefined): ListState | undefined {
  switch (move) {
    case "first":
      return page.hasPreviousPage ? { ...state, page: { kind: "first" } } : undefined;
    case "last":
      return page.hasNextPage ? { ...state, page: { kind: "last" } } : undefined;
    case "next": {
      if (!page.hasNextPage || !page.endCursor) return undefined;
      const row = firstRow === undefined ? undefined : firstRow + page.rows;
      return { ...state, page: { kind: "after", cursor: page.endCursor, ...(row ? { row } : {}) } };
    }
    case "previous": {
      if (!page.hasPreviousPage || !page.startCursor) return undefined;
      const row = firstRow === undefined ? undefined : Math.max(1, firstRow - state.size);
      return { ...state, page: { kind: "before", cursor: page.startCursor, ...(row ? { row } : {}) } };
    }
  }
}

/** A new filter, sort or page size starts again at the first page (cursors belong to one list). */
export function withList(state: ListState, change: Partial<Pick<ListState, "filter" | "sort" | "size">>): ListState {
  return { ...state, ...change, page: { kind: "first" } };
}
