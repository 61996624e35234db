import { cardFingerprint, truncateCardForStorage } from "../core/card-number.js";
import type { Caller } from "../core/caller.js";
import type { OrderFilterValues, OrderSortOrder, SortKey, StoredOrder, Traversal } from "../core/order.js";
import { InvalidInputError, OrderExistsError, type InputFieldError } from "../core/order-errors.js";
import { checkFilter, type OrderFilterArgs } from "../core/order-filter.js";
import { type OrderDraft, validateOrder } from "../core/order-rules.js";
import { type PageArgs, planPage } from "../core/paging.js";
import { AdditionsLoader } from "./additions-loader.js";
import { decodeCursor, encodeCursor, listFingerprint, NOT_A_CURSOR } from "./cursor.js";
import { deriveDateUuid } from "./date-uuid.js";
import { decodeOrderId } from "./order-id.js";
import type { OrderRow } from "./order-queries.js";
import { type OrderStore, orderFromRow } from "./order-store.js";
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
  /** The filter the page was made with: `totalCount` counts it, only when asked for. */
  filter: OrderFilterValues;
}

export interface ListOrdersArgs {
  page?: PageArgs | null;
  sort: OrderSortOrder;
  filter?: OrderFilterArgs | null;
}

interface Walk {
  sort: OrderSortOrder;
  filter: OrderFilterValues;
  traversal: Traversal;
  from?: SortKey;
  limit: number;
}

/** The orders domain: listing by keyset pages, finding by id, adding with the shared rules. */
export class OrderService {
  constructor(
    private readonly store: OrderStore,
    private readonly counts: TotalCountCache,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async listOrders(args: ListOrdersArgs): Promise<OrderPage> {
    const page = planPage(args.page);
    const filterCheck = checkFilter(args.filter);
    const errors: InputFieldError[] = [...(page.ok ? [] : page.errors), ...(filterCheck.ok ? [] : filterCheck.errors)];
    if (!page.ok || !filterCheck.ok) throw InvalidInputError.forFields("The orders query", errors);
    const { traversal, size, cursor } = page.value;
    const filter = this.withColumnPrecision(filterCheck.value);
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

    const rows = await this.walk({ sort: args.sort, filter, traversal, from, limit: size + 1 });
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
    };
  }

  /** Who added the orders of one response: a loader that batches its lookups (make one per request). */
  additionsLoader(): AdditionsLoader {
    return new AdditionsLoader(this.store);
  }

  totalCount(filter: OrderFilterValues): Promise<number> {
    return this.counts.get(filter);
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
   * Stores a new order, once. The same order sent again (same key, same details) returns the
   * stored one instead of a second row or an error, so a double click or a retried request is
   * safe; the same key with other details is ORDER_EXISTS. Nothing is written on any error.
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
      dateUuid: valid.dateUuid ?? deriveDateUuid({ ...content, storedCardNumber: cardNumber }),
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

  /** Visits the list's segments from the cursor's on, until `limit` rows are found. */
  private async walk(walk: Walk): Promise<OrderRow[]> {
    const queries = this.store.queries;
    const segments = queries.segments(walk.filter, walk.traversal);
    const start = walk.from ? segments.indexOf(queries.segmentOf(walk.from)) : 0;
    const rows: OrderRow[] = [];
    // A cursor from a segment this list does not have (say, an undated row under a date range) has nothing after it.
    for (let i = start; i >= 0 && i < segments.length && rows.length < walk.limit; i += 1) {
      const fromHere = i === start && walk.from ? { after: walk.from } : {};
      rows.push(
        ...(await this.store.page({
          sort: walk.sort,
          filter: walk.filter,
          traversal: walk.traversal,
          segment: segments[i]!,
          limit: walk.limit - rows.length,
          ...fromHere,
        })),
      );
    }
    return rows;
  }
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
