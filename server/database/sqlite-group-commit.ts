/**
 * Group commit for SQLite writes. Each commit in WAL mode costs about a third of a small
 * insert; writes that arrive together (requests read in the same turn of the event loop) are
 * committed in one transaction instead. Each statement still succeeds or fails on its own:
 * SQLite undoes only the failed statement, and its caller alone gets the error. If the commit
 * itself fails, every write of the group fails, and none is stored.
 */
interface Statement {
  run(...params: unknown[]): unknown;
}

export interface SqliteConnection {
  readonly inTransaction: boolean;
  prepare(sql: string): Statement;
  exec(sql: string): unknown;
}

interface Write {
  sql: string;
  params: readonly unknown[];
  resolve(): void;
  reject(error: unknown): void;
}

export type GroupCommit = (sql: string, params: readonly unknown[]) => Promise<void>;

export function groupCommit(connection: SqliteConnection): GroupCommit {
  let queue: Write[] = [];
  const statements = new Map<string, Statement>();
  const prepared = (sql: string): Statement => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = connection.prepare(sql)));
    return statement;
  };

  const flush = (): void => {
    const group = queue;
    queue = [];
    // Inside someone else's transaction (a seed in progress) the writes simply join it.
    const own = !connection.inTransaction;
    try {
      if (own) connection.exec("BEGIN IMMEDIATE");
    } catch (error) {
      for (const write of group) write.reject(error);
      return;
    }
    const failures = group.map((write) => {
      try {
        prepared(write.sql).run(...write.params);
        return undefined;
      } catch (error) {
        return { error };
      }
    });
    try {
      if (own) connection.exec("COMMIT");
    } catch (error) {
      if (own && connection.inTransaction) connection.exec("ROLLBACK");
      for (const write of group) write.reject(error);
      return;
    }
    group.forEach((write, i) => {
      const failure = failures[i];
      if (failure) write.reject(failure.error);
      else write.resolve();
    });
  };

  return (sql, params) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ sql, params, resolve, reject });
      if (queue.length === 1) setImmediate(flush);
    });
}
