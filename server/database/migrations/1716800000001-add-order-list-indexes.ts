import { type MigrationInterface, type QueryRunner, TableIndex } from "typeorm";
import { indexColumns } from "../index-columns.js";

/**
 * The indexes that keyset pagination seeks on: one per filter combination the API offers,
 * each ending in the sort key (order date, then the primary key as tie-breaker), so that a
 * page costs an index seek of page-size rows whatever its position.
 *
 * On a legacy table, an index is created only when no existing index already starts with
 * the same columns in the same order.
 *
 * Frozen: a later change is a new migration.
 */
export const LIST_INDEXES: ReadonlyArray<{ name: string; columns: string[] }> = [
  { name: "IX_orders_order_date", columns: ["Order Date", "date_uuid", "User ID"] },
  { name: "IX_orders_user_order_date", columns: ["User ID", "Order Date", "date_uuid"] },
  { name: "IX_orders_store_order_date", columns: ["Store Code", "Order Date", "date_uuid", "User ID"] },
  { name: "IX_orders_user_store_order_date", columns: ["User ID", "Store Code", "Order Date", "date_uuid"] },
];

function startsWith(existing: string[], wanted: string[]): boolean {
  return wanted.every((column, i) => existing[i] === column);
}

export class AddOrderListIndexes1716800000001 implements MigrationInterface {
  name = "AddOrderListIndexes1716800000001";

  async up(queryRunner: QueryRunner): Promise<void> {
    if (!(await queryRunner.hasTable("orders"))) {
      throw new Error("The orders table is missing: the migration that creates it must run first.");
    }
    const existing = [...(await indexColumns(queryRunner, "orders")).values()];
    for (const index of LIST_INDEXES) {
      const covered = existing.some((columns) => startsWith(columns, index.columns));
      if (!covered) await queryRunner.createIndex("orders", new TableIndex({ name: index.name, columnNames: index.columns }));
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const table = await queryRunner.getTable("orders");
    for (const index of LIST_INDEXES) {
      if (table?.indices.some((existing) => existing.name === index.name)) await queryRunner.dropIndex("orders", index.name);
    }
  }
}
