import type { QueryRunner } from "typeorm";

/** How an index key that is an expression (`lower("User ID")`), not a column, is listed. */
export const EXPRESSION_KEY = "(expression)";

/**
 * The key columns of each index on a table, in index order; a key that is an expression is
 * listed as EXPRESSION_KEY. (TypeORM's own table reader lists PostgreSQL index columns in table
 * order, which cannot tell (a, b) from (b, a), and leaves expressions out.)
 */
export async function indexColumns(queryRunner: QueryRunner, table: string): Promise<Map<string, string[]>> {
  const engine = queryRunner.connection.driver.options.type;
  let rows: Array<{ name: string; column: string }>;
  if (engine === "postgres") {
    rows = await queryRunner.query(
      `SELECT ic.relname AS name, COALESCE(a.attname, '${EXPRESSION_KEY}') AS column
         FROM pg_index x
         JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_class ic ON ic.oid = x.indexrelid
         CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
         LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum <> 0
        WHERE t.relname = $1 AND t.relnamespace = current_schema()::regnamespace AND k.ord <= x.indnkeyatts
        ORDER BY ic.relname, k.ord`,
      [table],
    );
  } else if (engine === "mssql") {
    rows = await queryRunner.query(
      `SELECT i.name AS name, c.name AS [column]
         FROM sys.indexes i
         JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id
         JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
        WHERE i.object_id = OBJECT_ID(@0) AND ic.key_ordinal > 0
        ORDER BY i.name, ic.key_ordinal`,
      [table],
    );
  } else {
    rows = await queryRunner.query(
      `SELECT il.name AS name, COALESCE(ii.name, '${EXPRESSION_KEY}') AS "column"
         FROM pragma_index_list(?) il, pragma_index_xinfo(il.name) ii
        WHERE ii.key = 1
        ORDER BY il.name, ii.seqno`,
      [table],
    );
  }
  const indexes = new Map<string, string[]>();
  for (const row of rows) indexes.set(row.name, [...(indexes.get(row.name) ?? []), row.column]);
  return indexes;
}
