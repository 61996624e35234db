import Sqlite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { groupCommit, type CommittingConnection } from "./sqlite-group-commit.js";

const TRANSACTION_CONTROL = /^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/;

/** A connection that records the transaction statements it runs (`execs`), in order. */
function database() {
  const db = new Sqlite(":memory:");
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
  const execs: string[] = [];
  const connection: CommittingConnection = {
    get inTransaction() {
      return db.inTransaction;
    },
    prepare: (sql) => {
      const statement = db.prepare(sql);
      if (!TRANSACTION_CONTROL.test(sql)) return statement;
      return {
        run: (...params: unknown[]) => {
          execs.push(sql);
          return statement.run(...params);
        },
      };
    },
  };
  return { db, execs, connection };
}

const INSERT = "INSERT INTO t (id, name) VALUES (?, ?)";
const insert = (id: number, name: string) => [
  { sql: INSERT, params: [id, name] },
];

describe("groupCommit", () => {
  it("commits writes that arrive together in one transaction, each failing on its own", async () => {
    const { db, execs, connection } = database();
    const write = groupCommit(connection);
    const outcomes = await Promise.allSettled([
      write(insert(1, "a")),
      write(insert(1, "duplicate")),
      write(insert(2, "b")),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      "fulfilled",
      "rejected",
      "fulfilled",
    ]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({
      code: "SQLITE_CONSTRAINT_PRIMARYKEY",
    });
    expect(execs).toEqual(["BEGIN IMMEDIATE", "COMMIT"]);
    expect(db.prepare("SELECT id, name FROM t ORDER BY id").all()).toEqual([
      { id: 1, name: "a" },
      { id: 2, name: "b" },
    ]);
  });

  it("stores the statements of one write together or not at all, the rest of the group unharmed", async () => {
    const { db, connection } = database();
    const write = groupCommit(connection);
    const outcomes = await Promise.allSettled([
      write([...insert(1, "a"), ...insert(2, "b")]),
      write([...insert(3, "c"), ...insert(1, "clash")]),
      write(insert(4, "d")),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      "fulfilled",
      "rejected",
      "fulfilled",
    ]);
    expect(db.prepare("SELECT id FROM t ORDER BY id").all()).toEqual([
      { id: 1 },
      { id: 2 },
      { id: 4 },
    ]);
  });

  it("stores nothing of a group whose commit fails, and says so to every writer", async () => {
    const { db, connection } = database();
    const failing: CommittingConnection = {
      get inTransaction() {
        return connection.inTransaction;
      },
      prepare: (sql) =>
        sql === "COMMIT"
          ? {
              run: () => {
                throw new Error("disk I/O error");
              },
            }
          : connection.prepare(sql),
    };
    const write = groupCommit(failing);
    const outcomes = await Promise.allSettled([
      write(insert(1, "a")),
      write(insert(2, "b")),
    ]);
    expect(outcomes.every((outcome) => outcome.status === "rejected")).toBe(
      true,
    );
    expect(db.inTransaction).toBe(false);
    expect(db.prepare("SELECT COUNT(*) AS n FROM t").get()).toEqual({ n: 0 });
  });

  it("fails the whole group when an error ends the transaction (a full disk), so no writer is told wrongly", async () => {
    const { db, connection } = database();
    const ending: CommittingConnection = {
      get inTransaction() {
        return connection.inTransaction;
      },
      prepare: (sql) => ({
        run: (...params: unknown[]) => {
          if (params[1] === "disk full") {
            db.exec("ROLLBACK");
            throw Object.assign(new Error("database or disk is full"), {
              code: "SQLITE_FULL",
            });
          }
          return connection.prepare(sql).run(...params);
        },
      }),
    };
    const write = groupCommit(ending);
    const outcomes = await Promise.allSettled([
      write(insert(1, "a")),
      write(insert(2, "disk full")),
      write(insert(3, "c")),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      "rejected",
      "rejected",
      "rejected",
    ]);
    expect(db.prepare("SELECT COUNT(*) AS n FROM t").get()).toEqual({ n: 0 });
  });

  it("waits for a transaction it did not open, rather than joining it", async () => {
    const { db, connection } = database();
    const write = groupCommit(connection);
    db.exec("BEGIN");
    const pending = write(insert(1, "a"));
    await new Promise((resolve) => setTimeout(resolve, 30));
    db.exec("ROLLBACK"); // the other transaction is abandoned: the write must not have been part of it
    await pending;
    expect(db.prepare("SELECT id FROM t").all()).toEqual([{ id: 1 }]);
  });

  it("commits writes of later turns separately", async () => {
    const { execs, connection } = database();
    const write = groupCommit(connection);
    await write(insert(1, "a"));
    await write(insert(2, "b"));
    expect(execs).toEqual([
      "BEGIN IMMEDIATE",
      "COMMIT",
      "BEGIN IMMEDIATE",
      "COMMIT",
    ]);
  });
});
