/**
 * The TypeORM entity says what the migrations create, on each engine: a fresh database is
 * migrated, and each column (name, type as the driver normalises it, length, nullability, key)
 * and each index of the table it made is compared with the entity's metadata. On PostgreSQL,
 * TypeORM's own schema builder is also asked what it would change to make the table match the
 * entity: nothing. (On SQLite it would rebuild the table for a spelling: the migration wrote
 * `int`, TypeORM writes `integer`, the same type there.) A change to one side alone fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "../../server/config/database-url.js";
import { type Database, openDatabase } from "../../server/database/database.js";
import { EXPRESSION_KEY, indexColumns } from "../../server/database/index-columns.js";
import { OrderEntity } from "../../server/database/order.entity.js";
import { createTestDatabase, type EngineName, postgresUnavailable, type TestDatabase } from "../support/databases.js";
import { captureLogs } from "../support/log-capture.js";

const postgresSkipped = await postgresUnavailable();

describe.each<EngineName>(["sqlite", "postgres"])("the entity and the migrations on %s", (engine) => {
  const skip = engine === "postgres" && postgresSkipped !== undefined;
  let db: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    if (skip) return;
    db = await createTestDatabase(engine);
    const parsed = parseDatabaseUrl(db.url);
    if (!parsed.ok) throw new Error(parsed.problem);
    database = await openDatabase(parsed.value, { retry: { firstDelayMs: 10, maxDelayMs: 10, attempts: 1 }, queryTimeoutMs: 30_000, logger: captureLogs().logger });
  });

  afterAll(async () => {
    await database?.close();
    await db?.drop();
  });

  it.skipIf(skip || engine === "sqlite")("agree: the schema builder would change nothing", async () => {
    const pending = await database.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it.skipIf(skip)("describe the same columns and indexes", async () => {
    const { driver } = database.dataSource;
    const metadata = database.dataSource.getMetadata(OrderEntity);
    const queryRunner = database.dataSource.createQueryRunner();
    const table = (await queryRunner.getTable(metadata.tableName))!;
    // In index order (TypeORM's table reader gives PostgreSQL's index columns in table order).
    const created = await indexColumns(queryRunner, metadata.tableName);
    await queryRunner.release();
    expect(table.columns.map((column) => column.name).sort()).toEqual(metadata.columns.map((column) => column.databaseName).sort());
    for (const column of metadata.columns) {
      const made = table.findColumnByName(column.databaseName)!;
      expect([driver.normalizeType({ type: made.type }), made.length, made.isPrimary, made.isNullable], column.databaseName).toEqual([
        driver.normalizeType(column),
        column.length,
        column.isPrimary,
        column.isNullable,
      ]);
    }
    const indexes = (list: Array<[string | undefined, string[]]>) => list.map(([name, columns]) => `${name}(${columns.join(", ")})`).sort();
    // Indexes of plain columns; those on folded (case-insensitive) expressions are named in the entity only so that TypeORM leaves them alone.
    const plain = [...created].filter(([name, keys]) => name.startsWith("IX_") && !keys.includes(EXPRESSION_KEY));
    expect(indexes(plain)).toEqual(indexes(metadata.indices.filter((index) => index.synchronize).map((index) => [index.name, index.columns.map((column) => column.databaseName)])));
    const folded = [...created].filter(([, keys]) => keys.includes(EXPRESSION_KEY)).map(([name]) => name);
    expect(folded.sort()).toEqual(metadata.indices.filter((index) => !index.synchronize).map((index) => index.name!).sort());
    // The card column is as narrow as the migration made it: a truncated number, or a legacy one with separators.
    expect(metadata.findColumnWithDatabaseName("Card Number")?.length).toBe("32");
  });
});
