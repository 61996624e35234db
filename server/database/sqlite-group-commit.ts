/**
 * Group commit for SQLite writes. Each commit in WAL mode costs about a third of a small
 * insert; writes that arrive together (requests read in the same turn of the event loop) are
 * committed in one transaction instead. Each write (one statement, or several that must be
 * stored together) still succeeds or fails on its own: SQLite undoes a failed statement, a
 * savepoint undoes the rest of its write, and its caller alone gets the error. If the commit
 * itself fails, or an error ends the whole transaction, every write of the group fails, and
 * none is stored.
 */
import type { SqlStatement } from "./sql-statement.js";
import { preparedStatements } from "./sqlite-statements.js";

/** What a group commit needs of a connection: statements it can run, and whether a transaction is open. */
export interface CommittingConnection {
  readonly inTransaction: boolean;
  prepare(sql: string): { run(...params: unknown[]): unknown };
}

interface Write {
  statements: readonly SqlStatement[];
  resolve(): void;
  reject(error: unknown): void;
}

export type GroupCommit = (statements: readonly SqlStatement[]) => Promise<void>;

/** How long a group waits for a transaction it did not open (a seed in progress) to end. */
const FOREIGN_TRANSACTION_WAIT_MS = 5_000;

export function groupCommit(connection: CommittingConnection): GroupCommit {
  let queue: Write[] = [];
  const prepared = preparedStatements(connection);

  // Prepared once, like the writes: exec() would parse each of them again on every commit.
  const run = (sql: string) => prepared(sql).run();

  const commit = (group: Write[]): void => {
    run("BEGIN IMMEDIATE");
    const failures: Array<{ error: unknown } | undefined> = [];
    for (const write of group) {
      const together = write.statements.length > 1;
      if (together) run("SAVEPOINT write");
      try {
        for (const statement of write.statements) prepared(statement.sql).run(...statement.params);
        if (together) run("RELEASE write");
        failures.push(undefined);
      } catch (error) {
        // Most errors undo the one statement; some (a full disk, an I/O error) end the whole transaction.
        if (!connection.inTransaction) throw error;
        if (together) {
          run("ROLLBACK TO write");
          run("RELEASE write");
        }
        failures.push({ error });
      }
    }
    try {
      run("COMMIT");
    } catch (error) {
      if (connection.inTransaction) run("ROLLBACK");
      throw error;
    }
    group.forEach((write, i) => {
      const failure = failures[i];
      if (failure) write.reject(failure.error);
      else write.resolve();
    });
  };

  const flush = (waitingSince: number): void => {
    // Someone else's transaction is open (a seed): joining it would report writes done before they are. Wait.
    if (connection.inTransaction && Date.now() - waitingSince < FOREIGN_TRANSACTION_WAIT_MS) {
      setTimeout(() => flush(waitingSince), 5);
      return;
    }
    const group = queue;
    queue = [];
    try {
      commit(group);
    } catch (error) {
      // Nothing of the group is stored: every writer hears so.
      for (const write of group) write.reject(error);
    }
  };

  return (statements) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ statements, resolve, reject });
      if (queue.length === 1) setImmediate(() => flush(Date.now()));
    });
}
