import { type MigrationInterface, type QueryRunner, Table } from "typeorm";

export const ORDER_ADDITIONS_TABLE = "order_additions";

/**
 * Who added each order through the API, and when: one row per order, keyed like the legacy
 * table's rows and written in the same transaction as the order. Orders the old app wrote have
 * none. A table of its own, so the legacy table is never altered.
 *
 * Frozen: a later change is a new migration.
 */
export class CreateOrderAdditionsTable1716800000003 implements MigrationInterface {
  name = "CreateOrderAdditionsTable1716800000003";

  async up(queryRunner: QueryRunner): Promise<void> {
    if (await queryRunner.hasTable(ORDER_ADDITIONS_TABLE)) return;
    const engine = queryRunner.connection.driver.options.type;
    const text = engine === "mssql" ? "nvarchar" : "varchar";
    const dateType = engine === "mssql" ? "datetime2" : engine === "postgres" ? "timestamp" : "datetime";
    await queryRunner.createTable(
      new Table({
        name: ORDER_ADDITIONS_TABLE,
        columns: [
          { name: "date_uuid", type: text, length: "64", isPrimary: true },
          { name: "user_id", type: text, length: "64", isPrimary: true },
          { name: "added_by_subject", type: text, length: "255" },
          { name: "added_by_name", type: text, length: "255" },
          { name: "added_at", type: dateType },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable(ORDER_ADDITIONS_TABLE, true);
  }
}
