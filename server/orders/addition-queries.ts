/**
 * Who added an order, and when: the SQL for the `order_additions` table (beside the legacy
 * one), written once for the three engines through the dialect.
 */
import type { OrderKey } from "../core/order.js";
import type { SqlDialect } from "../database/dialect.js";
import { ORDER_ADDITIONS_TABLE } from "../database/migrations/1716800000003-create-order-additions-table.js";
import { Params, type SqlStatement } from "../database/sql-statement.js";

/** What is recorded about the caller who added an order. */
export interface Addition {
  subject: string;
  name: string;
  at: Date;
}

/** A row as byKeys returns it, the time still as database text. */
export interface AdditionRow {
  dateUuid: string;
  userId: string;
  name: string;
  at: string;
}

const ADDED_AT = "added_at";

export class AdditionQueries {
  private readonly table: string;

  constructor(private readonly dialect: SqlDialect) {
    this.table = dialect.quote(ORDER_ADDITIONS_TABLE);
  }

  insert(key: OrderKey, addition: Addition): SqlStatement {
    const params = new Params(this.dialect);
    const d = this.dialect;
    const values = [
      params.add(key.dateUuid),
      params.add(key.userId),
      params.add(addition.subject),
      params.add(addition.name),
      d.dateValue(ADDED_AT, params.add(d.formatDate(addition.at))),
    ];
    return {
      sql: `INSERT INTO ${this.table} (date_uuid, user_id, added_by_subject, added_by_name, ${ADDED_AT}) VALUES (${values.join(", ")})`,
      params: params.values,
    };
  }

  /** The additions of these orders (a page's worth): each a primary-key lookup. */
  byKeys(keys: readonly OrderKey[]): SqlStatement {
    const params = new Params(this.dialect);
    const q = this.dialect.quote;
    const matches = keys.map((key) => `(date_uuid = ${params.add(key.dateUuid)} AND user_id = ${params.add(key.userId)})`);
    return {
      sql:
        `SELECT date_uuid AS ${q("dateUuid")}, user_id AS ${q("userId")}, added_by_name AS ${q("name")}, ` +
        `${this.dialect.readDate(ADDED_AT)} AS ${q("at")} FROM ${this.table} WHERE ${matches.join(" OR ")}`,
      params: params.values,
    };
  }
}
