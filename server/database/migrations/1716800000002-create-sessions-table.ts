import { type MigrationInterface, type QueryRunner, Table, TableIndex } from "typeorm";

export const SESSIONS_TABLE = "orders_service_sessions";

/**
 * Staff sessions, shared by every replica: the browser holds only a sealed cookie naming one
 * (by an id whose SHA-256 is the key here), and signing out on one pod ends it on all.
 * A table of its own beside the legacy one, which stays untouched.
 *
 * Frozen: a later change is a new migration.
 */
export class CreateSessionsTable1716800000002 implements MigrationInterface {
  name = "CreateSessionsTable1716800000002";

  async up(queryRunner: QueryRunner): Promise<void> {
    if (await queryRunner.hasTable(SESSIONS_TABLE)) return;
    const engine = queryRunner.connection.driver.options.type;
    const text = engine === "mssql" ? "nvarchar" : "varchar";
    const long = engine === "mssql" ? { type: "nvarchar", length: "MAX" } : { type: "text" };
    await queryRunner.createTable(
      new Table({
        name: SESSIONS_TABLE,
        columns: [
          { name: "id_hash", type: "varchar", length: "64", isPrimary: true },
          { name: "subject", type: text, length: "255" },
          { name: "name", type: text, length: "255" },
          { name: "roles", type: text, length: "255" },
          // The identity provider's ID token, sealed with the session secret: the hint its sign-out needs.
          { name: "id_token", ...long, isNullable: true },
          // Epoch milliseconds: compared the same way on every engine.
          { name: "created_at", type: "bigint" },
          { name: "last_seen_at", type: "bigint" },
          { name: "expires_at", type: "bigint" },
        ],
      }),
    );
    await queryRunner.createIndex(SESSIONS_TABLE, new TableIndex({ name: "IX_sessions_expires_at", columnNames: ["expires_at"] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable(SESSIONS_TABLE, true);
  }
}
