import type { Database } from "../database/database.js";
import { parseStoredDate } from "../database/dialect.js";
import { Order } from "./order.entity.js";
import type { OrderKey } from "./order-id.js";
import {
  type OrderFilterValues,
  OrderQueries,
  type OrderRow,
  type PageRequest,
  type Statement,
  type StoredOrder,
} from "./order-queries.js";

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

  async findByKey(key: OrderKey): Promise<Order | undefined> {
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

  private async run<T>(statement: Statement): Promise<T[]> {
    return (await this.database.dataSource.query(statement.sql, statement.params)) as T[];
  }
}

export function orderFromRow(row: OrderRow): Order {
  const order = new Order();
  order.dateUuid = row.dateUuid;
  order.userId = row.userId;
  order.cardNumber = row.cardNumber;
  order.storeCode = row.storeCode;
  order.productCode = row.productCode;
  order.productQuantity = row.productQuantity === null ? null : Number(row.productQuantity);
  order.orderDate = parseStoredDate(row.orderDate);
  order.shippingDate = parseStoredDate(row.shippingDate);
  return order;
}

export function orderFromStored(stored: StoredOrder): Order {
  const order = new Order();
  Object.assign(order, stored);
  return order;
}
