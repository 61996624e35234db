/**
 * The SQL each engine receives. SQLite and PostgreSQL run it in test/redact and
 * test/process; SQL Server cannot run here, so its statements are pinned down exactly.
 */
import { MssqlParameter } from "typeorm";
import { describe, expect, it } from "vitest";
import { createDialect, type Engine } from "../database/dialect.js";
import { tableShapeOf } from "../database/table-shape.js";
import { RedactQueries } from "./redact-queries.js";

const key = { dateUuid: "0f8fad5b-d9cb-469f-a165-70867728950e", userId: "user-1" };

function queries(engine: Engine): RedactQueries {
  // A legacy table on SQL Server: VARCHAR columns, so parameters must be VARCHAR too (to seek).
  const shape = tableShapeOf({
    date_uuid: { type: "varchar", nullable: false },
    "User ID": { type: "varchar", nullable: false },
    "Card Number": { type: "varchar", nullable: true },
  });
  return new RedactQueries(createDialect(engine, shape));
}

describe("redaction queries", () => {
  it("walk the primary key with a row-value seek on SQLite and PostgreSQL", () => {
    expect(queries("sqlite").batch(undefined, 1000)).toEqual({
      sql: `SELECT "date_uuid" AS "dateUuid", "User ID" AS "userId", "Card Number" AS "cardNumber" FROM "orders" ORDER BY "date_uuid", "User ID" LIMIT ?`,
      params: [1000],
    });
    expect(queries("postgres").batch(key, 500)).toEqual({
      sql:
        `SELECT "date_uuid" AS "dateUuid", "User ID" AS "userId", "Card Number" AS "cardNumber" FROM "orders" ` +
        `WHERE ("date_uuid", "User ID") > ($1, $2) ORDER BY "date_uuid", "User ID" LIMIT $3`,
      params: [key.dateUuid, key.userId, 500],
    });
  });

  it("write only over the value that was read, many rows a statement", () => {
    const second = { dateUuid: "1f8fad5b-d9cb-469f-a165-70867728950e", userId: "user-2" };
    expect(
      queries("postgres").compareAndSet([
        { key, read: "4242424242424242", redacted: "424242******4242" },
        { key: second, read: "42424242****4242", redacted: "424242******4242" },
      ]),
    ).toEqual([
      {
        sql:
          `UPDATE "orders" SET "Card Number" = "v"."column4" FROM (VALUES ($1, $2, $3, $4), ($5, $6, $7, $8)) AS "v" ` +
          `WHERE "orders"."date_uuid" = "v"."column1" AND "orders"."User ID" = "v"."column2" AND "orders"."Card Number" = "v"."column3"`,
        params: [key.dateUuid, key.userId, "4242424242424242", "424242******4242", second.dateUuid, second.userId, "42424242****4242", "424242******4242"],
      },
    ]);
    expect(queries("sqlite").compareAndSet([]).length).toBe(0);
  });

  it("on SQL Server: TOP, the expanded seek led by a range on date_uuid, parameters of the columns' own type", () => {
    const batch = queries("mssql").batch(key, 1000);
    expect(batch.sql).toBe(
      "SELECT TOP (@2) [date_uuid] AS [dateUuid], [User ID] AS [userId], [Card Number] AS [cardNumber] FROM [orders] " +
        "WHERE [date_uuid] >= @0 AND ([date_uuid] > @0 OR ([date_uuid] = @0 AND [User ID] > @1)) ORDER BY [date_uuid], [User ID]",
    );
    expect(batch.params).toEqual([new MssqlParameter(key.dateUuid, "varchar"), new MssqlParameter(key.userId, "varchar"), 1000]);
    const updates = queries("mssql").compareAndSet([{ key, read: "4242424242424242", redacted: "424242******4242" }]);
    expect(updates.map((update) => update.sql)).toEqual([
      "UPDATE [o] SET [Card Number] = [v].[column4] FROM [orders] AS [o] INNER JOIN (VALUES (@0, @1, @2, @3)) AS [v] ([column1], [column2], [column3], [column4]) " +
        "ON [o].[date_uuid] = [v].[column1] AND [o].[User ID] = [v].[column2] AND [o].[Card Number] = [v].[column3]",
    ]);
    expect(updates[0]!.params).toEqual([
      new MssqlParameter(key.dateUuid, "varchar"),
      new MssqlParameter(key.userId, "varchar"),
      new MssqlParameter("4242424242424242", "varchar"),
      new MssqlParameter("424242******4242", "varchar"),
    ]);
  });

  it("as many rows a statement as SQL Server's 2,100 parameters and 1,000-row VALUES allow", () => {
    const many = Array.from({ length: 1_200 }, (_, i) => ({ key: { dateUuid: `k-${i}`, userId: "u" }, read: "4242424242424242", redacted: "424242******4242" }));
    expect(queries("mssql").compareAndSet(many).map((update) => update.params.length)).toEqual([2_000, 2_000, 800]);
    // The same 1,000 rows a statement elsewhere: one round trip for a default batch.
    expect(queries("postgres").compareAndSet(many).map((update) => update.params.length)).toEqual([4_000, 800]);
  });
});
