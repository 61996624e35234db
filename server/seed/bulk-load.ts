import { TableIndex } from "typeorm";
import { ORDER_TABLE } from "../core/order-table.js";
import type { Database } from "../database/database.js";
import { indexColumns } from "../database/index-columns.js";
import { LIST_INDEXES } from "../database/migrations/1716800000001-add-order-list-indexes.js";

/** Loads into an empty table at least this large are faster with the list indexes built afterwards. */
const REBUILD_INDEXES_FROM = 100_000;

/**
 * Runs a large load the fast way: into an empty table, the list indexes are dropped first and
 * built once at the end (one sort instead of a million random B-tree inserts per index), and
 * SQLite gets a larger page cache meanwhile. The indexes are rebuilt even if the load fails.
 */
export async function bulkLoad(database: Database, rowsToAdd: number, existingRows: number, load: () => Promise<void>): Promise<void> {
  const { dataSource } = database;
  if (database.settings.kind === "sqlite") await dataSource.query("PRAGMA cache_size = -262144");
  const rebuild = existingRows === 0 && rowsToAdd >= REBUILD_INDEXES_FROM;
  const queryRunner = dataSource.createQueryRunner();
  try {
    const present = rebuild ? await indexColumns(queryRunner, ORDER_TABLE) : new Map<string, string[]>();
    const dropped = LIST_INDEXES.filter((index) => present.has(index.name));
    for (const index of dropped) await queryRunner.dropIndex(ORDER_TABLE, index.name);
    try {
      await load();
    } finally {
      for (const index of dropped) await queryRunner.createIndex(ORDER_TABLE, new TableIndex({ name: index.name, columnNames: index.columns }));
    }
  } finally {
    await queryRunner.release();
    if (database.settings.kind === "sqlite") await dataSource.query("PRAGMA cache_size = -16000");
  }
}
