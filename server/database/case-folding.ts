/**
 * How each engine compares text ignoring case, written once: the list's case-insensitive
 * indexes are built on exactly these expressions, and the queries filter on exactly them, or
 * the engine would not use the index. SQL Server needs none: its default collation already
 * ignores case, and its plain indexes serve.
 */
import type { Engine } from "./dialect.js";

/** A text column (quoted) as compared ignoring case. PostgreSQL's is in the "C" collation, so that prefix ranges are byte ranges the index can seek. */
export function foldedColumnSql(engine: Engine, quotedColumn: string): string {
  switch (engine) {
    case "sqlite":
      return `lower(${quotedColumn})`;
    case "postgres":
      return `(lower(${quotedColumn}) COLLATE "C")`;
    case "mssql":
      return quotedColumn;
  }
}

/** SQLite's lower() folds ASCII letters only (without the ICU extension): the same here. */
export function foldAscii(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
