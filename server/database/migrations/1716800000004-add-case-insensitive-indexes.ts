import type { MigrationInterface, QueryRunner } from "typeorm";
import { foldedColumnSql } from "../case-folding.js";
import type { Engine } from "../dialect.js";
import { indexColumns } from "../index-columns.js";

/** One key of an index: a column as it is, or folded (compared ignoring case, see case-folding.ts). */
interface IndexKey {
  column: string;
  folded?: boolean;
}

/**
 * The list's filters by user and by store ignore case, and the search box finds users and
 * stores by a prefix of either case. On SQLite and PostgreSQL that needs indexes on the folded
 * columns (SQL Server's default collation already ignores case, and its plain indexes serve):
 * each ends in the list's sort key, so a filtered page is still one index seek whatever its
 * position, and a prefix is a range of the same index.
 */
export const CASE_INSENSITIVE_INDEXES: ReadonlyArray<{ name: string; keys: IndexKey[] }> = [
  {
    name: "IX_orders_user_ci_order_date",
    keys: [{ column: "User ID", folded: true }, { column: "Order Date" }, { column: "date_uuid" }, { column: "User ID" }],
  },
  {
    name: "IX_orders_store_ci_order_date",
    keys: [{ column: "Store Code", folded: true }, { column: "Order Date" }, { column: "date_uuid" }, { column: "User ID" }],
  },
  {
    name: "IX_orders_user_store_ci_order_date",
    keys: [{ column: "User ID", folded: true }, { column: "Store Code", folded: true }, { column: "Order Date" }, { column: "date_uuid" }, { column: "User ID" }],
  },
];

/** The case-sensitive indexes these take over from (made by migration 1716800000001): nothing would use them. */
const REPLACED_INDEXES = ["IX_orders_user_order_date", "IX_orders_store_order_date", "IX_orders_user_store_order_date"];

/** The engine behind a TypeORM driver type, when it needs indexes on folded columns (SQLite, PostgreSQL). */
function foldingEngine(driverType: string): "sqlite" | "postgres" | undefined {
  if (driverType === "better-sqlite3" || driverType === "sqlite") return "sqlite";
  return driverType === "postgres" ? "postgres" : undefined;
}

function createIndexSql(engine: Engine, table: string, index: { name: string; keys: IndexKey[] }): string {
  const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;
  const keys = index.keys.map((key) => (key.folded ? foldedColumnSql(engine, quote(key.column)) : quote(key.column)));
  return `CREATE INDEX ${quote(index.name)} ON ${quote(table)} (${keys.join(", ")})`;
}

/**
 * Frozen: a later change is a new migration. Only ever adds to the legacy table's indexes, and
 * drops only the three this service itself made and no longer uses.
 */
export class AddCaseInsensitiveIndexes1716800000004 implements MigrationInterface {
  name = "AddCaseInsensitiveIndexes1716800000004";

  async up(queryRunner: QueryRunner): Promise<void> {
    const engine = foldingEngine(queryRunner.connection.driver.options.type);
    if (!engine) return;
    const present = await indexColumns(queryRunner, "orders");
    const has = (name: string) => present.has(name);
    for (const index of CASE_INSENSITIVE_INDEXES) {
      if (!has(index.name)) await queryRunner.query(createIndexSql(engine, "orders", index));
    }
    for (const name of REPLACED_INDEXES) if (has(name)) await queryRunner.query(`DROP INDEX "${name}"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (!foldingEngine(queryRunner.connection.driver.options.type)) return;
    for (const index of CASE_INSENSITIVE_INDEXES) await queryRunner.query(`DROP INDEX IF EXISTS "${index.name}"`);
  }
}
