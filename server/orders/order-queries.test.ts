/**
 * The SQL each engine receives. SQLite and PostgreSQL run it in the API suites; SQL Server
 * cannot run here, so its statements are pinned down exactly.
 */
import { MssqlParameter } from "typeorm";
import { describe, expect, it } from "vitest";
import { createDialect, type Engine } from "../database/dialect.js";
import { tableShapeOf } from "../database/table-shape.js";
import { OrderQueries, type PageRequest } from "./order-queries.js";

const key = { orderDate: "2024-05-31 00:00:00.0000000", dateUuid: "0f8fad5b-d9cb-469f-a165-70867728950e", userId: "user-1" };

function queries(engine: Engine, legacy: boolean): OrderQueries {
  const text = engine === "mssql" ? (legacy ? "varchar" : "nvarchar") : "varchar";
  const date = engine === "mssql" ? (legacy ? "datetime" : "datetime2") : engine === "postgres" ? "timestamp without time zone" : "datetime";
  const shape = tableShapeOf({
    date_uuid: { type: text, nullable: false },
    "User ID": { type: text, nullable: false },
    "Store Code": { type: text, nullable: legacy },
    "Order Date": { type: date, nullable: legacy },
  });
  return new OrderQueries(createDialect(engine, shape), shape);
}

const afterCursor: PageRequest = {
  sort: "ORDER_DATE_DESC",
  filter: { storeCode: "WEB-1" },
  traversal: "forward",
  segment: "dated",
  after: key,
  limit: 26,
};

describe("order queries", () => {
  it("seek with a row-value comparison on SQLite and PostgreSQL", () => {
    const sqlite = queries("sqlite", false).page(afterCursor);
    expect(sqlite.sql).toContain(`("Order Date", "date_uuid", "User ID") < (?, ?, ?)`);
    expect(sqlite.sql).toMatch(/ORDER BY "Order Date" DESC, "date_uuid" DESC, "User ID" DESC LIMIT \?$/);
    expect(sqlite.params).toEqual(["WEB-1", key.orderDate, key.dateUuid, key.userId, 26]);

    const postgres = queries("postgres", false).page(afterCursor);
    expect(postgres.sql).toContain(`("Order Date", "date_uuid", "User ID") < (CAST($2 AS timestamp without time zone), $3, $4)`);
    expect(postgres.sql).toContain(`to_char("Order Date", 'YYYY-MM-DD HH24:MI:SS.US') AS "orderDate"`);
    expect(postgres.sql).toMatch(/LIMIT \$5$/);
  });

  it("seek on SQL Server with the expanded form, led by a range on the order date", () => {
    const { sql, params } = queries("mssql", true).page(afterCursor);
    expect(sql).toBe(
      "SELECT TOP (@4) [date_uuid] AS [dateUuid], [User ID] AS [userId], [Card Number] AS [cardNumber], [Store Code] AS [storeCode], " +
        "[product_code] AS [productCode], [Product Quantity] AS [productQuantity], CONVERT(varchar(27), [Order Date], 121) AS [orderDate], " +
        "CONVERT(varchar(27), [Shipping Date], 121) AS [shippingDate] FROM [orders] WHERE [Store Code] = @0 AND [Order Date] IS NOT NULL AND " +
        "[Order Date] <= CAST(@1 AS datetime) AND ([Order Date] < CAST(@1 AS datetime) OR ([Order Date] = CAST(@1 AS datetime) AND " +
        "([date_uuid] < @2 OR ([date_uuid] = @2 AND [User ID] < @3)))) ORDER BY [Order Date] DESC, [date_uuid] DESC, [User ID] DESC",
    );
    // Legacy VARCHAR keys are bound as VARCHAR, so SQL Server seeks instead of converting every row.
    expect(params[0]).toBeInstanceOf(MssqlParameter);
    expect((params[0] as MssqlParameter).type).toBe("varchar");
    expect((params[2] as MssqlParameter).type).toBe("varchar");
    expect(params[4]).toBe(26);
  });

  it("binds NVARCHAR and compares datetime2 on a table our migration made", () => {
    const { sql, params } = queries("mssql", false).page(afterCursor);
    expect(sql).toContain("CAST(@1 AS datetime2(7))");
    expect(sql).not.toContain("IS NOT NULL");
    expect((params[0] as MssqlParameter).type).toBe("nvarchar");
  });

  it("filters user and store ignoring case, on the folded expression its index is built on, User ID the last tie-breaker", () => {
    const sqlite = queries("sqlite", false).page({ ...afterCursor, filter: { userId: "User-1", storeCode: "web-1" } });
    expect(sqlite.sql).toContain(`lower("User ID") = lower(?) AND lower("Store Code") = lower(?)`);
    expect(sqlite.sql).toContain(`("Order Date", "date_uuid", "User ID") < (?, ?, ?)`);
    expect(sqlite.sql).toMatch(/ORDER BY "Order Date" DESC, "date_uuid" DESC, "User ID" DESC LIMIT/);
    expect(queries("postgres", false).page({ ...afterCursor, filter: { userId: "User-1" } }).sql).toContain(`(lower("User ID") COLLATE "C") = lower($1)`);
    // SQL Server's default collation ignores case already: the plain column, so its plain index serves.
    expect(queries("mssql", false).page({ ...afterCursor, filter: { userId: "User-1" } }).sql).toContain("[User ID] = @0");
  });

  it("walks undated legacy rows after dated ones in both directions, and skips them under a date range", () => {
    const legacy = queries("sqlite", true);
    expect(legacy.segments({}, "forward")).toEqual(["dated", "undated"]);
    expect(legacy.segments({}, "backward")).toEqual(["undated", "dated"]);
    expect(legacy.segments({ orderDateFrom: new Date(0) }, "forward")).toEqual(["dated"]);
    expect(queries("sqlite", false).segments({}, "forward")).toEqual(["dated"]);
    const undated = legacy.page({ ...afterCursor, segment: "undated", traversal: "backward", sort: "ORDER_DATE_ASC", after: { ...key, orderDate: null } });
    expect(undated.sql).toContain(`"Order Date" IS NULL AND ("date_uuid", "User ID") < (?, ?)`);
    expect(undated.sql).toMatch(/ORDER BY "date_uuid" DESC, "User ID" DESC/);
  });

  it("inserts many rows in one statement, dates in each engine's exact form", () => {
    const order = {
      dateUuid: key.dateUuid,
      userId: "u",
      cardNumber: "424242******4242",
      storeCode: "s",
      productCode: "p",
      productQuantity: 2,
      orderDate: new Date("2024-05-31T10:20:30.456Z"),
      shippingDate: new Date("2024-06-01T00:00:00Z"),
    };
    const sqlite = queries("sqlite", false).insert([order, { ...order, userId: "v" }]);
    expect(sqlite.sql.match(/\(\?, \?, \?, \?, \?, \?, \?, \?\)/g)).toHaveLength(2);
    expect(sqlite.params.slice(6, 8)).toEqual(["2024-05-31 10:20:30.456000", "2024-06-01 00:00:00.000000"]);
    const mssql = queries("mssql", false).insert([order]);
    expect(mssql.sql).toContain("CAST(@6 AS datetime2(7)), CAST(@7 AS datetime2(7))");
    expect(mssql.params[6]).toBe("2024-05-31 10:20:30.456");
    expect(queries("mssql", false).insertBatchSize * 8).toBeLessThanOrEqual(2_100);
  });
});
