/**
 * A large orders table in seconds, for drills that need a million rows (seedTestDatabase goes
 * through the service's batched INSERTs: about two minutes for a million on a busy machine).
 * The service's migrations make the tables; the rows are then made by one SQL statement, with
 * the list indexes dropped meanwhile and built again at the end.
 *
 * The rows are plain and regular: 20,000 users, 300 stores, three years of dates, masked cards.
 */
import { seedTestDatabase, type TestDatabase } from "./databases.js";

const COLUMNS = `"date_uuid", "User ID", "Card Number", "Store Code", "product_code", "Product Quantity", "Order Date", "Shipping Date"`;

const SQLITE_ROWS = `
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
INSERT INTO orders (${COLUMNS})
SELECT
  printf('%08x-%04x-4%03x-8%03x-%012x', i, (i * 7919) % 65536, i % 4096, (i * 31) % 4096, (i * 2654435761) % 281474976710656),
  printf('user-%05d', (i * 7) % 20000),
  '411111******1111',
  printf('ST-%03d', i % 300),
  printf('P-%04d', i % 5000),
  1 + i % 20,
  strftime('%Y-%m-%d 00:00:00.000000', julianday(?) - (i % 1095)),
  strftime('%Y-%m-%d 00:00:00.000000', julianday(?) - (i % 1095) + (i % 7))
FROM n`;

const POSTGRES_ROWS = `
INSERT INTO orders (${COLUMNS})
SELECT
  lpad(to_hex(i), 8, '0') || '-' || lpad(to_hex((i * 7919) % 65536), 4, '0') || '-4' || lpad(to_hex(i % 4096), 3, '0') || '-8' || lpad(to_hex((i * 31) % 4096), 3, '0') || '-' || lpad(to_hex((i * 2654435761) % 281474976710656), 12, '0'),
  'user-' || lpad(((i * 7) % 20000)::text, 5, '0'),
  '411111******1111',
  'ST-' || lpad((i % 300)::text, 3, '0'),
  'P-' || lpad((i % 5000)::text, 4, '0'),
  1 + i % 20,
  $2::timestamp - (i % 1095) * interval '1 day',
  $2::timestamp - (i % 1095) * interval '1 day' + (i % 7) * interval '1 day'
FROM generate_series(0, $1::bigint - 1) AS i`;

/** `db` (a new, empty test database) migrated by the service and holding `rows` orders dated up to `until` (YYYY-MM-DD). */
export async function fillOrders(db: TestDatabase, rows: number, until = "2024-06-30"): Promise<void> {
  await seedTestDatabase(db.url, { count: 0, seed: 1, until: new Date(until) });
  const indexes =
    db.engine === "sqlite"
      ? await db.query<{ name: string; sql: string }>(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'orders' AND sql IS NOT NULL`)
      : await db.query<{ name: string; sql: string }>(
          `SELECT i.indexname AS name, i.indexdef AS sql FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid
           WHERE i.tablename = 'orders' AND NOT x.indisprimary`,
        );
  for (const index of indexes) await db.query(`DROP INDEX "${index.name}"`);
  if (db.engine === "sqlite") await db.query(SQLITE_ROWS, [rows, until, until]);
  else await db.query(POSTGRES_ROWS, [rows, until]);
  for (const index of indexes) await db.query(index.sql);
  if (db.engine === "postgres") await db.query("ANALYZE orders");
}
