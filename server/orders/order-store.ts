import type { OrderFilterValues, OrderKey, StoredOrder } from "../core/order.js";
import type { InputFieldError } from "../core/order-errors.js";
import { ORDER_FIELD_LABELS } from "../core/order-rules.js";
import { ORDER_COLUMNS } from "../core/order-table.js";
import type { Database } from "../database/database.js";
import { parseStoredDate } from "../database/dialect.js";
import type { SqlStatement } from "../database/sql-statement.js";
import { type Addition, AdditionQueries, type AdditionRow } from "./addition-queries.js";
import { OrderQueries, type OrderRow, type PageRequest } from "./order-queries.js";
import { OrderView } from "./order-view.js";

/** Runs the order statements on the database and turns rows into `Order`s. */
export class OrderStore {
  readonly queries: OrderQueries;
  private readonly additionQueries: AdditionQueries;

  constructor(private readonly database: Database) {
    this.queries = new OrderQueries(database.dialect, database.shape);
    this.additionQueries = new AdditionQueries(database.dialect);
  }

  async page(request: PageRequest): Promise<OrderRow[]> {
    return this.run<OrderRow>(this.queries.page(request));
  }

  async count(filter: OrderFilterValues): Promise<number> {
    const { sql, params } = this.queries.count(filter);
    return this.database.readScalar(sql, params);
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
    if (keys.length === 0) return found;
    for (const row of await this.run<AdditionRow>(this.additionQueries.byKeys(keys))) {
      found.set(orderKey(row), { name: row.name, at: parseStoredDate(row.at) });
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
    return (await this.database.dataSource.query(statement.sql, statement.params)) as T[];
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
