import type { OrderFilterValues, OrderKey, StoredOrder } from "../core/order.js";
import type { InputFieldError } from "../core/order-errors.js";
import { ORDER_FIELD_LABELS } from "../core/order-rules.js";
import { ORDER_COLUMNS } from "../core/order-table.js";
import type { Database } from "../database/database.js";
import { parseStoredDate } from "../database/dialect.js";
import { OrderQueries, type OrderRow, type PageRequest, type Statement } from "./order-queries.js";
import { OrderView } from "./order-view.js";

/** Runs the order statements on the database and turns rows into `Order`s. */
export class OrderStore {
  readonly queries: OrderQueries;

  constructor(private readonly database: Database) {
    this.queries = new OrderQueries(database.dialect, database.shape);
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

  /** One INSERT: all of the orders are stored, or (on any error) none. */
  async insert(orders: readonly StoredOrder[]): Promise<void> {
    const { sql, params } = this.queries.insert(orders);
    await this.database.write(sql, params);
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

  private async run<T>(statement: Statement): Promise<T[]> {
    return (await this.database.dataSource.query(statement.sql, statement.params)) as T[];
  }
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
