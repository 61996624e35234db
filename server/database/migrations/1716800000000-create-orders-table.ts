import { type MigrationInterface, type QueryRunner, Table } from "typeorm";

/**
 * Creates the legacy `orders` table on a new database, with the old app's column names and
 * composite key. On a database that already has it (the old app's), does nothing: the
 * legacy columns are never altered, renamed or dropped.
 *
 * Frozen: a later change to the table is a new migration, never an edit here.
 */
export class CreateOrdersTable1716800000000 implements MigrationInterface {
  name = "CreateOrdersTable1716800000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    if (await queryRunner.hasTable("orders")) return;
    const engine = queryRunner.connection.driver.options.type;
    // datetime2 on SQL Server (precise, full range); timestamp on PostgreSQL; ISO text on SQLite.
    const dateType = engine === "mssql" ? "datetime2" : engine === "postgres" ? "timestamp" : "datetime";
    // nvarchar on SQL Server, so that any Unicode text survives whatever the collation.
    const textType = engine === "mssql" ? "nvarchar" : "varchar";
    await queryRunner.createTable(
      new Table({
        name: "orders",
        columns: [
          { name: "date_uuid", type: textType, length: "64", isPrimary: true },
          { name: "User ID", type: textType, length: "64", isPrimary: true },
          { name: "Card Number", type: textType, length: "32" },
          { name: "Store Code", type: textType, length: "64" },
          { name: "product_code", type: textType, length: "64" },
          { name: "Product Quantity", type: "int" },
          { name: "Order Date", type: dateType },
          { name: "Shipping Date", type: dateType },
        ],
      }),
    );
  }

  async down(): Promise<void> {
    throw new Error("Refusing to drop the orders table: it may hold the legacy orders. Drop it by hand if you mean it.");
  }
}
