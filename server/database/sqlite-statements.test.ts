import Sqlite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { preparedStatements } from "./sqlite-statements.js";

/** A real connection that counts how often it prepares a statement. */
function counting() {
  const db = new Sqlite(":memory:");
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
  let prepares = 0;
  const connection = {
    prepare: (sql: string) => {
      prepares += 1;
      return db.prepare(sql);
    },
  };
  return { db, connection, prepares: () => prepares };
}

describe("prepared statements on the SQLite connection", () => {
  it("prepares a text once, and runs it with each call's values", () => {
    const { connection, prepares } = counting();
    const statement = preparedStatements(connection);
    statement("INSERT INTO t (id, name) VALUES (?, ?)").run(1, "a");
    statement("INSERT INTO t (id, name) VALUES (?, ?)").run(2, "b");
    expect(statement("SELECT name FROM t WHERE id = ?").all(2)).toEqual([{ name: "b" }]);
    expect(statement("SELECT name FROM t WHERE id = ?").all(1)).toEqual([{ name: "a" }]);
    expect(prepares()).toBe(2);
  });

  it("keeps at most the given number of texts, dropping the oldest first", () => {
    const { connection, prepares } = counting();
    const statement = preparedStatements(connection, 3);
    for (const id of [1, 2, 3, 4]) statement(`SELECT ${id} AS n`);
    expect(prepares()).toBe(4);
    statement("SELECT 4 AS n");
    statement("SELECT 2 AS n");
    expect(prepares()).toBe(4);
    // The first was dropped when the fourth came: it is prepared again, and still answers.
    expect(statement("SELECT 1 AS n").all()).toEqual([{ n: 1 }]);
    expect(prepares()).toBe(5);
  });
});
