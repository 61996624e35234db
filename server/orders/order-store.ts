import type { OrderFilterValues, OrderKey, OrderSortOrder, SortKey, StoredOrder, Traversal } from "../core/order.js";
import type { InputFieldError } from "../core/order-errors.js";
import { ORDER_FIELD_LABELS } from "../core/order-rules.js";
import { ORDER_COLUMNS } from "../core/order-table.js";
import type { Database } from "../database/database.js";
import { parseStoredDate } from "../database/dialect.js";
import type { SqlStatement } from "../database/sql-statement.js";
import { type Addition, AdditionQueries, type AdditionRow } from "./addition-queries.js";
import { OrderQueries, type OrderRow, type PageRequest } from "./order-queries.js";
import { resolveSearch, SearchQueries, type SearchOutcome } from "./order-search.js";
import { OrderView } from "./order-view.js";

const ADDITIONS_PER_STATEMENT = 100;

/** A walk along one list: from a row's key (or the start), in a direction, for at most `limit` rows. */
interface Walk {
  sort: OrderSortOrder;
  filter: OrderFilterValues;
  traversal: Traversal;
  from?: SortKey;
  limit: number;
}

/** Runs the order statements on the database and turns rows into `Order`s. */
export class OrderStore {
  readonly queries: OrderQueries;
  private readonly additionQueries: AdditionQueries;
  private readonly searchQueries: SearchQueries;

  constructor(private readonly database: Database) {
    this.queries = new OrderQueries(database.dialect, database.shape);
    this.additionQueries = new AdditionQueries(database.dialect);
    this.searchQueries = new SearchQueries(database.dialect);
  }

  /** What a search term means here: the values it could be, each found by an index seek. */
  search(term: string): Promise<SearchOutcome> {
    return resolveSearch(term, this.searchQueries, this.database.dialect, (statement) => this.run(statement));
  }

  /** Text folded as this database folds it when it ignores case. */
  foldText(text: string): string {
    return this.database.dialect.foldText(text);
  }

  async page(request: PageRequest): Promise<OrderRow[]> {
    return this.run<OrderRow>(this.queries.page(request));
  }

  /** Visits the list's segments from the cursor's on, until `limit` rows are found. */
  async walk(walk: Walk): Promise<OrderRow[]> {
    const segments = this.queries.segments(walk.filter, walk.traversal);
    const start = walk.from ? segments.indexOf(this.queries.segmentOf(walk.from)) : 0;
    const rows: OrderRow[] = [];
    // A cursor from a segment this list does not have (say, an undated row under a date range) has nothing after it.
    for (let i = start; i >= 0 && i < segments.length && rows.length < walk.limit; i += 1) {
      const fromHere = i === start && walk.from ? { after: walk.from } : {};
      rows.push(
        ...(await this.page({ sort: walk.sort, filter: walk.filter, traversal: walk.traversal, segment: segments[i]!, limit: walk.limit - rows.length, ...fromHere })),
      );
    }
    return rows;
  }

  /** Orders matching the filter; a count still running after `timeoutMs` is stopped (ReadTimeoutError). */
  async count(filter: OrderFilterValues, timeoutMs?: number): Promise<number> {
    const { sql, params } = this.queries.count(filter);
    return this.database.readScalar(sql, params, timeoutMs);
  }

  async findByKey(key: OrderKey): Promise<OrderView | undefined> {
    const [row] = await this.run<OrderRow>(this.queries.byKey(key));
    return row ? orderFromRow(row) : undefined;
  }

  /** A new order, and who added it, stored together or (on any error) not at all. */
  async insert(order: StoredOrder, addition?: Addition): Promise<void> {
    const statements = [this.queries.insert([order])];
    if (addition) statements.push(this.additionQueries.insert(order, addition));
    await this.database.write(statements);
  }

  /** Who added each of these orders, by orderKey(); orders added before it was recorded have none. */
  async additionsOf(keys: readonly OrderKey[]): Promise<Map<string, RecordedAddition>> {
    const found = new Map<string, RecordedAddition>();
    // A page's worth per statement: a longer OR chain is too deep for SQLite (1,000 terms at most).
    for (let start = 0; start < keys.length; start += ADDITIONS_PER_STATEMENT) {
      for (const row of await this.run<AdditionRow>(this.additionQueries.byKeys(keys.slice(start, start + ADDITIONS_PER_STATEMENT)))) {
        found.set(orderKey(row), { name: row.name, at: parseStoredDate(row.at) });
      }
    }
    return found;
  }

  /** Many orders in batched INSERTs inside one transaction: for seeding. */
  async insertMany(orders: readonly StoredOrder[]): Promise<void> {
    const size = this.queries.insertBatchSize;
    await this.database.dataSource.transaction(async (manager) => {
      for (let start = 0; start < orders.length; start += size) {
        const { sql, params } = this.queries.insert(orders.slice(start, start + size));
        await manager.query(sql, params);
      }
    });
  }

  isUniqueViolation(error: unknown): boolean {
    return this.database.dialect.isUniqueViolation(error);
  }

  acceptsCursorDate(text: string): boolean {
    return this.database.dialect.acceptsDateText(text);
  }

  /** A moment as this database's order-date (or shipping-date) column holds it. */
  roundDate(field: "orderDate" | "shippingDate", date: Date, direction: "nearest" | "down" | "up"): Date {
    return this.database.dialect.roundDate(ORDER_COLUMNS[field], date, direction);
  }

  /**
   * The fields too long for this database's own columns. The rules allow 64 characters; a
   * legacy table may have shorter columns (VARCHAR(50)), and SQL Server counts UTF-16 units.
   */
  oversizedFields(order: StoredOrder): InputFieldError[] {
    const fields = ["dateUuid", "userId", "cardNumber", "storeCode", "productCode"] as const;
    return fields.flatMap((field) => {
      const limit = this.database.dialect.tooLongFor(ORDER_COLUMNS[field], order[field]);
      return limit === undefined
        ? []
        : [{ field, message: `${ORDER_FIELD_LABELS[field]} is too long for this database: its column holds ${limit} characters.` }];
    });
  }

  private async run<T>(statement: SqlStatement): Promise<T[]> {
    return this.database.read<T>(statement);
  }
}

/** What the API shows of an order's addition: the caller's name and the moment. */
export interface RecordedAddition {
  name: string;
  at: Date | null;
}

/** One text per order key, for maps. */
export function orderKey(key: OrderKey): string {
  return JSON.stringify([key.dateUuid, key.userId]);
}

export function orderFromRow(row: OrderRow): OrderView {
  return new OrderView({
    dateUuid: row.dateUuid,
    userId: row.userId,
    cardNumber: row.cardNumber,
    storeCode: row.storeCode,
    productCode: row.productCode,
    productQuantity: row.productQuantity === null ? null : Number(row.productQuantity),
    orderDate: parseStoredDate(row.orderDate),
    shippingDate: parseStoredDate(row.shippingDate),
  });
}
