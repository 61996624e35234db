/**
 * The SQL for orders, written once for all three engines through the dialect. Pure: it
 * builds statements and runs nothing, so the exact SQL (and its query plan) can be tested.
 *
 * Keyset pagination: the list is ordered by the sort key (order date, date_uuid, User ID),
 * and a page is "the next n rows after this key", an index seek whatever the page's
 * position. Legacy tables may hold rows with no order date: they form a second segment
 * that comes after the dated rows in either sort direction, ordered by the primary key.
 */
import type { OrderFilterValues, OrderKey, OrderSortOrder, SortKey, StoredOrder, Traversal } from "../core/order.js";
import { ORDER_COLUMNS, ORDER_TABLE } from "../core/order-table.js";
import type { SqlDialect } from "../database/dialect.js";
import { Params, type SqlStatement } from "../database/sql-statement.js";
import type { TableShape } from "../database/table-shape.js";

/** Dated rows, then (legacy tables only) rows whose order date is NULL. */
export type Segment = "dated" | "undated";

/** A row as the list queries return it, dates still as database text. */
export interface OrderRow {
  dateUuid: string;
  userId: string;
  cardNumber: string | null;
  storeCode: string | null;
  productCode: string | null;
  productQuantity: number | string | null;
  orderDate: string | null;
  shippingDate: string | null;
}

export interface PageRequest {
  sort: OrderSortOrder;
  filter: OrderFilterValues;
  traversal: Traversal;
  segment: Segment;
  /** Start after this key; from the segment's first row when absent. */
  after?: SortKey;
  limit: number;
}

const C = ORDER_COLUMNS;

export class OrderQueries {
  private readonly table: string;
  private readonly selectList: string;
  private readonly orderDateNullable: boolean;

  constructor(
    private readonly dialect: SqlDialect,
    shape: TableShape,
  ) {
    const q = dialect.quote;
    this.table = q(ORDER_TABLE);
    this.orderDateNullable = shape.isNullable(C.orderDate);
    this.selectList = [
      `${q(C.dateUuid)} AS ${q("dateUuid")}`,
      `${q(C.userId)} AS ${q("userId")}`,
      `${q(C.cardNumber)} AS ${q("cardNumber")}`,
      `${q(C.storeCode)} AS ${q("storeCode")}`,
      `${q(C.productCode)} AS ${q("productCode")}`,
      `${q(C.productQuantity)} AS ${q("productQuantity")}`,
      `${dialect.readDate(C.orderDate)} AS ${q("orderDate")}`,
      `${dialect.readDate(C.shippingDate)} AS ${q("shippingDate")}`,
    ].join(", ");
  }

  /** The segments a walk visits, in the order it visits them. */
  segments(filter: OrderFilterValues, traversal: Traversal): Segment[] {
    // A date range excludes undated rows; a table whose order date is NOT NULL has none.
    const undated = this.orderDateNullable && !filter.orderDateFrom && !filter.orderDateTo;
    const forward: Segment[] = undated ? ["dated", "undated"] : ["dated"];
    return traversal === "forward" ? forward : [...forward].reverse();
  }

  segmentOf(key: SortKey): Segment {
    return key.orderDate === null ? "undated" : "dated";
  }

  page(request: PageRequest): SqlStatement {
    const params = new Params(this.dialect);
    const q = this.dialect.quote;
    const where = this.filterConditions(request.filter, params);
    if (request.segment === "undated") where.push(`${q(C.orderDate)} IS NULL`);
    else if (this.orderDateNullable) where.push(`${q(C.orderDate)} IS NOT NULL`);

    const keyColumns = this.keyColumns(request.segment);
    const ascending = (request.sort === "ORDER_DATE_ASC") === (request.traversal === "forward");
    if (request.after) {
      const values = keyColumns.map((column) => this.keyValue(column, request.after!, params));
      where.push(this.seek(keyColumns.map(q), values, ascending));
    }
    const orderBy = keyColumns.map((column) => `${q(column)} ${ascending ? "ASC" : "DESC"}`).join(", ");
    const rest = `FROM ${this.table}${whereClause(where)} ORDER BY ${orderBy}`;
    const sql = this.dialect.limitedSelect(this.selectList, rest, params.add(request.limit));
    return { sql, params: params.values };
  }

  count(filter: OrderFilterValues): SqlStatement {
    const params = new Params(this.dialect);
    const where = this.filterConditions(filter, params);
    return {
      sql: `SELECT COUNT(*) AS ${this.dialect.quote("total")} FROM ${this.table}${whereClause(where)}`,
      params: params.values,
    };
  }

  byKey(key: OrderKey): SqlStatement {
    const params = new Params(this.dialect);
    const q = this.dialect.quote;
    const dateUuid = params.add(this.dialect.bindText(C.dateUuid, key.dateUuid));
    const userId = params.add(this.dialect.bindText(C.userId, key.userId));
    return {
      sql: `SELECT ${this.selectList} FROM ${this.table} WHERE ${q(C.dateUuid)} = ${dateUuid} AND ${q(C.userId)} = ${userId}`,
      params: params.values,
    };
  }

  /** How many orders one INSERT may carry on this engine. */
  get insertBatchSize(): number {
    return Math.min(500, Math.floor(this.dialect.maxParameters / 8));
  }

  insert(orders: readonly StoredOrder[]): SqlStatement {
    const params = new Params(this.dialect);
    const d = this.dialect;
    const columns = [C.dateUuid, C.userId, C.cardNumber, C.storeCode, C.productCode, C.productQuantity, C.orderDate, C.shippingDate];
    const rows = orders.map(
      (order) =>
        `(${[
          params.add(d.bindText(C.dateUuid, order.dateUuid)),
          params.add(d.bindText(C.userId, order.userId)),
          params.add(d.bindText(C.cardNumber, order.cardNumber)),
          params.add(d.bindText(C.storeCode, order.storeCode)),
          params.add(d.bindText(C.productCode, order.productCode)),
          params.add(order.productQuantity),
          d.dateValue(C.orderDate, params.add(d.formatDate(order.orderDate))),
          d.dateValue(C.shippingDate, params.add(d.formatDate(order.shippingDate))),
        ].join(", ")})`,
    );
    return {
      sql: `INSERT INTO ${this.table} (${columns.map(d.quote).join(", ")}) VALUES ${rows.join(", ")}`,
      params: params.values,
    };
  }

  /** The sort key of a row as the list queries return it. */
  keyOf(row: OrderRow): SortKey {
    return { orderDate: row.orderDate, dateUuid: row.dateUuid, userId: row.userId };
  }

  private filterConditions(filter: OrderFilterValues, params: Params): string[] {
    const d = this.dialect;
    const q = d.quote;
    const conditions: string[] = [];
    // User and store match ignoring case, on the folded indexes (see case-folding.ts).
    if (filter.userId !== undefined) conditions.push(`${d.foldedColumn(C.userId)} = ${d.foldedValue(params.add(d.bindText(C.userId, filter.userId)))}`);
    if (filter.storeCode !== undefined) {
      conditions.push(`${d.foldedColumn(C.storeCode)} = ${d.foldedValue(params.add(d.bindText(C.storeCode, filter.storeCode)))}`);
    }
    if (filter.dateUuid !== undefined) conditions.push(`${q(C.dateUuid)} = ${params.add(d.bindText(C.dateUuid, filter.dateUuid))}`);
    if (filter.orderDateFrom) {
      conditions.push(`${q(C.orderDate)} >= ${d.dateValue(C.orderDate, params.add(d.formatDate(filter.orderDateFrom)))}`);
    }
    if (filter.orderDateTo) {
      conditions.push(`${q(C.orderDate)} <= ${d.dateValue(C.orderDate, params.add(d.formatDate(filter.orderDateTo)))}`);
    }
    return conditions;
  }

  /**
   * The columns that order a segment, matching an index column for column. The user filter
   * ignores case, so two users whose ids differ only in case share a list: User ID stays the
   * last tie-breaker (every list index ends with it).
   */
  private keyColumns(segment: Segment): string[] {
    return segment === "dated" ? [C.orderDate, C.dateUuid, C.userId] : [C.dateUuid, C.userId];
  }

  private keyValue(column: string, key: SortKey, params: Params): string {
    const d = this.dialect;
    if (column === C.orderDate) return d.dateValue(C.orderDate, params.add(key.orderDate));
    if (column === C.dateUuid) return params.add(d.bindText(C.dateUuid, key.dateUuid));
    return params.add(d.bindText(C.userId, key.userId));
  }

  /**
   * "After this key" in the given direction. A row-value comparison where the engine has
   * them (an index seek on SQLite and PostgreSQL); on SQL Server the expanded form, led by
   * a plain range on the first column so that it still seeks.
   */
  private seek(columns: string[], values: string[], ascending: boolean): string {
    const op = ascending ? ">" : "<";
    if (this.dialect.rowValues) {
      return columns.length === 1 ? `${columns[0]} ${op} ${values[0]}` : `(${columns.join(", ")}) ${op} (${values.join(", ")})`;
    }
    // Placeholders are named on SQL Server, so a value may appear more than once.
    const expand = (i: number): string =>
      i === columns.length - 1
        ? `${columns[i]} ${op} ${values[i]}`
        : `(${columns[i]} ${op} ${values[i]} OR (${columns[i]} = ${values[i]} AND ${expand(i + 1)}))`;
    return columns.length === 1 ? expand(0) : `${columns[0]} ${op}= ${values[0]} AND ${expand(0)}`;
  }
}

function whereClause(conditions: string[]): string {
  return conditions.length === 0 ? "" : ` WHERE ${conditions.join(" AND ")}`;
}
