/**
 * Prepared statements of the one better-sqlite3 connection the server writes and reads on,
 * kept by their text, so that each is parsed and planned once rather than on every request. The
 * texts come in a bounded number of shapes (the values are always parameters), and at most
 * MOST_KEPT are kept at once, the oldest going first.
 */
export interface SqliteStatement {
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

/** The parts of better-sqlite3's Database used here. */
export interface SqliteConnection {
  readonly inTransaction: boolean;
  prepare(sql: string): SqliteStatement;
}

const MOST_KEPT = 200;

/** The connection's statement for a text, prepared when it is first asked for. */
export function preparedStatements<S>(connection: { prepare(sql: string): S }, mostKept = MOST_KEPT): (sql: string) => S {
  const statements = new Map<string, S>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= mostKept) statements.delete(statements.keys().next().value!);
      statements.set(sql, (statement = connection.prepare(sql)));
    }
    return statement;
  };
}
