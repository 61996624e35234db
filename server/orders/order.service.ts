import { randomUUID } from "node:crypto";
import { cardFingerprint, truncateCardForStorage } from "../core/card-number.js";
import type { Caller } from "../core/caller.js";
import type { OrderFilterValues, OrderSortOrder, SortKey, StoredOrder } from "../core/order.js";
import { InvalidInputError, OrderExistsError, type InputFieldError } from "../core/order-errors.js";
import { checkFilter, type OrderFilterArgs } from "../core/order-filter.js";
import { type OrderDraft, validateOrder } from "../core/order-rules.js";
import { type PageArgs, planPage } from "../core/paging.js";
import { AdditionsLoader } from "./additions-loader.js";
import { decodeCursor, encodeCursor, listFingerprint, NOT_A_CURSOR } from "./cursor.js";
import { decodeOrderId } from "./order-id.js";
import type { SearchMatch, SearchOutcome } from "./order-search.js";
import { type OrderStore, orderFromRow, orderKey } from "./order-store.js";
import { OrderView } from "./order-view.js";
import type { TotalCountCache } from "./total-count-cache.js";

/**
 * One row of a page. Its cursor is made only when a caller asks for it (the GraphQL field
 * reads the getter): the web client moves by the page's start and end cursors alone.
 */
export class OrderEdgeData {
  constructor(
    readonly node: OrderView,
    private readonly key: SortKey,
    private readonly list: string,
  ) {}

  get cursor(): string {
    return encodeCursor(this.key, this.list);
  }
}

export interface OrderPage {
  edges: OrderEdgeData[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** The filter the page was made with: `totalCount` counts it, only when asked for; null when nothing can match. */
  filter: OrderFilterValues | null;
  /** What a search term was taken to mean, when there was one. */
  search?: SearchOutcome;
}

/** A list's filter once its search term is resolved: null when nothing can match. */
interface ResolvedFilter {
  filter: OrderFilterValues | null;
  search?: SearchOutcome;
}

export interface ListOrdersArgs {
  page?: PageArgs | null;
  sort: OrderSortOrder;
  filter?: OrderFilterArgs | null;
}

/** The orders domain: listing by keyset pages, finding by id, adding with the shared rules. */
export class OrderService {
  constructor(
    private readonly store: OrderStore,
    private readonly counts: TotalCountCache,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The filter as the database will apply it: checked, a search term resolved (one match narrows
   * the list to it; none, several, or one that contradicts another filter: nothing matches), date
   * bounds at the column's precision.
   */
  async resolveFilter(args: OrderFilterArgs | null | undefined, errors: InputFieldError[] = []): Promise<ResolvedFilter> {
    const checked = checkFilter(args);
    if (!checked.ok || errors.length > 0) throw InvalidInputError.forFields("The orders query", [...errors, ...(checked.ok ? [] : checked.errors)]);
    let values = checked.value.values;
    if (checked.value.search === undefined) return { filter: this.withColumnPrecision(values) };
    const search = await this.store.search(checked.value.search);
    const narrowed = search.match ? this.narrow(values, search.match) : undefined;
    if (!narrowed) return { filter: null, search };
    values = narrowed;
    return { filter: this.withColumnPrecision(values), search };
  }

  async listOrders(args: ListOrdersArgs): Promise<OrderPage> {
    const page = planPage(args.page);
    const resolved = await this.resolveFilter(args.filter, page.ok ? [] : page.errors);
    if (!page.ok) throw new Error("unreachable: resolveFilter refuses a bad page");
    const { traversal, size, cursor } = page.value;
    const { filter, search } = resolved;
    if (filter === null) return emptyPage(search);
    const list = listFingerprint(args.sort, filter);

    let from: SortKey | undefined;
    if (cursor) {
      const refuse = (problem: string) =>
        InvalidInputError.forFields("The orders query", [{ field: cursor.field, message: `${cursor.field} ${problem}.` }]);
      const reading = decodeCursor(cursor.value, list);
      if (!reading.ok) throw refuse(reading.problem);
      // A checksum-valid cursor whose date this database could not even compare was made up.
      if (reading.key.orderDate !== null && !this.store.acceptsCursorDate(reading.key.orderDate)) throw refuse(NOT_A_CURSOR);
      from = reading.key;
    }

    const rows = await this.store.walk({ sort: args.sort, filter, traversal, ...(from ? { from } : {}), limit: size + 1 });
    const more = rows.length > size;
    const pageRows = rows.slice(0, size);
    // A cursor is the key of an order this list holds: that order, at least, lies on the other
    // side. (Orders are never deleted or edited here, so it is still there: no query needed.)
    const other = from !== undefined;
    if (traversal === "backward") pageRows.reverse();

    const edges = pageRows.map((row) => new OrderEdgeData(orderFromRow(row), this.store.queries.keyOf(row), list));
    return {
      edges,
      pageInfo: {
        hasNextPage: traversal === "forward" ? more : other,
        hasPreviousPage: traversal === "forward" ? other : more,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      filter,
      ...(search ? { search } : {}),
    };
  }

  /** A filter narrowed by a search's match, or undefined when the two cannot both hold (another user, say). */
  private narrow(values: OrderFilterValues, match: SearchMatch): OrderFilterValues | undefined {
    const present = values[match.field];
    if (present !== undefined && this.store.foldText(present) !== this.store.foldText(match.value)) return undefined;
    return { ...values, [match.field]: match.value };
  }

  /**
   * Every order a list holds, in its order, a batch at a time (keyset pages: memory stays flat
   * however long the list). For exports.
   */
  async *everyOrder(sort: OrderSortOrder, filter: OrderFilterArgs | null | undefined, batch = 1_000): AsyncGenerator<OrderView[]> {
    const resolved = (await this.resolveFilter(filter)).filter;
    if (!resolved) return;
    for (let from: SortKey | undefined; ; ) {
      const rows = await this.store.walk({ sort, filter: resolved, traversal: "forward", ...(from ? { from } : {}), limit: batch });
      if (rows.length === 0) return;
      const additions = await this.store.additionsOf(rows);
      yield rows.map((row) => {
        const order = orderFromRow(row);
        order.addition = additions.get(orderKey(row)) ?? null;
        return order;
      });
      if (rows.length < batch) return;
      from = this.store.queries.keyOf(rows.at(-1)!);
    }
  }

  /** Who added the orders of one response: a loader that batches its lookups (make one per request). */
  additionsLoader(): AdditionsLoader {
    return new AdditionsLoader(this.store);
  }

  /** How many orders match, for `who` (a caller or client address: callers take turns at counting). */
  totalCount(filter: OrderFilterValues | null, who: string): Promise<number> {
    return filter ? this.counts.get(filter, who) : Promise.resolve(0);
  }

  async findOrder(id: string): Promise<OrderView | null> {
    const key = decodeOrderId(id);
    if (!key) {
      throw InvalidInputError.forFields("The order query", [
        { field: "id", message: "id is not an order id this API made: take it from an order's id field." },
      ]);
    }
    return (await this.store.findByKey(key)) ?? null;
  }

  /**
   * Stores a new order, once per Date UUID. The same order sent again with its Date UUID (a
   * retry, a double click) returns the stored one instead of a second row or an error; the same
   * key with other details is ORDER_EXISTS; an order sent without one is always a new row (a
   * customer may buy the same thing twice). Nothing is written on any error.
   */
  async addOrder(draft: OrderDraft, addedBy?: Caller): Promise<OrderView> {
    const check = validateOrder(draft, this.now());
    if (!check.ok) throw InvalidInputError.forFields("The order", check.errors);
    const valid = check.order;
    const cardNumber = truncateCardForStorage(valid.cardNumber);
    // The dates as the columns will hold them, so that a resent order compares equal to the stored one.
    const content = {
      ...valid,
      cardNumber,
      orderDate: this.store.roundDate("orderDate", valid.orderDate, "nearest"),
      shippingDate: this.store.roundDate("shippingDate", valid.shippingDate, "nearest"),
    };
    const stored: StoredOrder = {
      ...content,
      // The Date UUID is the key of one act of adding: the caller's, so that resending it (a retry,
      // a double click) stores the order once; without one, a new order of its own.
      dateUuid: valid.dateUuid ?? randomUUID(),
    };
    const oversized = this.store.oversizedFields(stored);
    if (oversized.length > 0) throw InvalidInputError.forFields("The order", oversized);
    // The columns hold 255 characters; a name longer than that is cut, not refused (it is not the caller's input).
    const addition = addedBy ? { subject: addedBy.subject.slice(0, 255), name: addedBy.name.slice(0, 255), at: this.now() } : undefined;
    try {
      await this.store.insert(stored, addition);
    } catch (error) {
      if (!this.store.isUniqueViolation(error)) throw error;
      const existing = await this.store.findByKey(stored);
      if (existing && sameOrder(existing, stored)) return existing;
      throw new OrderExistsError(stored.dateUuid);
    }
    this.counts.recordInsert(stored);
    return new OrderView(stored, addition ? { name: addition.name, at: addition.at } : null);
  }

  /** Date bounds as the column can compare them: rounded inwards, so a bound never takes in a moment it excludes. */
  private withColumnPrecision(filter: OrderFilterValues): OrderFilterValues {
    return {
      ...filter,
      ...(filter.orderDateFrom ? { orderDateFrom: this.store.roundDate("orderDate", filter.orderDateFrom, "up") } : {}),
      ...(filter.orderDateTo ? { orderDateTo: this.store.roundDate("orderDate", filter.orderDateTo, "down") } : {}),
    };
  }
}

function emptyPage(search: SearchOutcome | undefined): OrderPage {
  return {
    edges: [],
    pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    filter: null,
    ...(search ? { search } : {}),
  };
}

/** Whether a stored order is the one being added again (as far as a truncated card number can tell). */
function sameOrder(existing: OrderView, added: StoredOrder): boolean {
  return (
    existing.storeCode === added.storeCode &&
    existing.productCode === added.productCode &&
    existing.productQuantity === added.productQuantity &&
    existing.orderDate?.getTime() === added.orderDate.getTime() &&
    existing.shippingDate?.getTime() === added.shippingDate.getTime() &&
    cardFingerprint(existing.cardNumber) === cardFingerprint(added.cardNumber)
  );
}
