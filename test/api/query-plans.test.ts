/**
 * Every list query the API can send is answered by an index seek: for each sort, each filter
 * combination, both directions, with and without a cursor, on a new table and on a legacy one
 * (where undated rows form a second segment). The test reads the real query plan (SQLite
 * EXPLAIN QUERY PLAN, PostgreSQL EXPLAIN) and fails on a table scan or a sort.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "../../server/config/database-url.js";
import type { OrderFilterValues, OrderSortOrder, SortKey, Traversal } from "../../server/core/order.js";
import { type Database, openDatabase } from "../../server/database/database.js";
import type { SqlStatement } from "../../server/database/sql-statement.js";
import { OrderQueries, type PageRequest } from "../../server/orders/order-queries.js";
import { SearchQueries } from "../../server/orders/order-search.js";
import { OrderStore } from "../../server/orders/order-store.js";
import { seedOrders } from "../../server/seed/seed-orders.js";
import { createTestDatabase, postgresUnavailable, type EngineName, type TestDatabase } from "../support/databases.js";
import { createLegacyTable, legacyRows } from "../support/legacy-table.js";
import { captureLogs } from "../support/log-capture.js";

const postgresSkipped = await postgresUnavailable();
const ROWS = 20_000;
/** Rows a plan may sort without an index (one customer's orders), about 1% of the table. */
const SMALL_SET = 200;

const SORTS: OrderSortOrder[] = ["ORDER_DATE_DESC", "ORDER_DATE_ASC"];
const TRAVERSALS: Traversal[] = ["forward", "backward"];

async function explain(db: TestDatabase, statement: SqlStatement): Promise<{ plan: string; problems: string[] }> {
  if (db.engine === "sqlite") {
    const rows = await db.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${statement.sql}`, statement.params);
    const details = rows.map((row) => row.detail);
    // "SCAN orders USING INDEX ..." walks an index in the wanted order and stops at LIMIT: a seek from the start.
    const problems = details.filter((detail) => /^SCAN orders$|TEMP B-TREE/.test(detail));
    return { plan: details.join(" | "), problems };
  }
  const [row] = await db.query<{ "QUERY PLAN": unknown }>(`EXPLAIN (FORMAT JSON) ${statement.sql}`, statement.params);
  const nodes: string[] = [];
  const problems: string[] = [];
  const walk = (node: Record<string, unknown>): void => {
    const description = `${node["Node Type"]}${node["Index Name"] ? `(${node["Index Name"]})` : ""}[${node["Plan Rows"]} rows]`;
    nodes.push(description);
    // PostgreSQL may fetch one customer's handful of orders with a bitmap scan and sort them: that is
    // cheaper than an ordered index scan and bounded by the customer. A sort or bitmap over more than
    // SMALL_SET rows would mean that the index does not serve the order.
    const rows = Number(node["Plan Rows"]);
    if (node["Node Type"] === "Seq Scan") problems.push(description);
    else if (/^(Sort|Incremental Sort|Bitmap Heap Scan)$/.test(String(node["Node Type"])) && rows > SMALL_SET) problems.push(description);
    for (const child of (node.Plans as Array<Record<string, unknown>> | undefined) ?? []) walk(child);
  };
  walk((row!["QUERY PLAN"] as Array<{ Plan: Record<string, unknown> }>)[0]!.Plan);
  return { plan: nodes.join(" > "), problems };
}

describe.each<[EngineName, "new" | "legacy"]>([
  ["sqlite", "new"],
  ["sqlite", "legacy"],
  ["postgres", "new"],
  ["postgres", "legacy"],
])("query plans on %s, %s table", (engine, table) => {
  const skip = engine === "postgres" && postgresSkipped !== undefined;
  let db: TestDatabase;
  let database: Database;
  let queries: OrderQueries;
  let sample: { key: SortKey; undatedKey?: SortKey; userId: string; storeCode: string };

  beforeAll(async () => {
    if (skip) return;
    db = await createTestDatabase(engine);
    if (table === "legacy") await createLegacyTable(db, legacyRows(200));
    const parsed = parseDatabaseUrl(db.url);
    if (!parsed.ok) throw new Error(parsed.problem);
    database = await openDatabase(parsed.value, {
      retry: { firstDelayMs: 10, maxDelayMs: 10, attempts: 1 },
      queryTimeoutMs: 30_000,
      logger: captureLogs().logger,
    });
    await seedOrders(new OrderStore(database), { count: ROWS, seed: 11, until: new Date("2024-06-30") });
    if (engine === "postgres") await db.query("ANALYZE orders");
    else await db.query("ANALYZE");
    queries = new OrderQueries(database.dialect, database.shape);
    const rows = await new OrderStore(database).page({ sort: "ORDER_DATE_DESC", filter: {}, traversal: "forward", segment: "dated", limit: 5_000 });
    const middle = rows[4_321]!;
    sample = { key: queries.keyOf(middle), userId: middle.userId, storeCode: middle.storeCode! };
    if (table === "legacy") {
      const [undated] = await new OrderStore(database).page({ sort: "ORDER_DATE_DESC", filter: {}, traversal: "forward", segment: "undated", limit: 1 });
      sample.undatedKey = queries.keyOf(undated!);
    }
  });

  afterAll(async () => {
    if (skip) return;
    await database?.close();
    await db?.drop();
  });

  function filters(): Array<[string, OrderFilterValues]> {
    const from = new Date("2023-01-01T00:00:00Z");
    const to = new Date("2024-03-31T23:59:59.999Z");
    return [
      ["no filter", {}],
      ["user", { userId: sample.userId }],
      ["store", { storeCode: sample.storeCode }],
      // The web store has 30% of the orders: only an ordered index scan is cheap here.
      ["busiest store", { storeCode: "WEB-1388012W" }],
      ["busiest store and dates", { storeCode: "WEB-1388012W", orderDateFrom: from, orderDateTo: to }],
      ["user and store", { userId: sample.userId, storeCode: sample.storeCode }],
      ["date range", { orderDateFrom: from, orderDateTo: to }],
      ["date from", { orderDateFrom: from }],
      ["user and dates", { userId: sample.userId, orderDateFrom: from, orderDateTo: to }],
      ["store and dates", { storeCode: sample.storeCode, orderDateFrom: from, orderDateTo: to }],
      ["everything", { userId: sample.userId, storeCode: sample.storeCode, orderDateFrom: from, orderDateTo: to }],
      // User and store ignore case: another spelling seeks on the same folded index.
      ["user, other case", { userId: sample.userId.toUpperCase() }],
      ["store, other case, and dates", { storeCode: sample.storeCode.toLowerCase(), orderDateFrom: from, orderDateTo: to }],
    ];
  }

  it.skipIf(skip)("seeks on an index for every page query", async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const [name, filter] of filters()) {
      for (const sort of SORTS) {
        for (const traversal of TRAVERSALS) {
          for (const segment of queries.segments(filter, traversal)) {
            const key = segment === "undated" ? sample.undatedKey! : { ...sample.key, userId: filter.userId ?? sample.key.userId };
            const requests: PageRequest[] = [
              { sort, filter, traversal, segment, limit: 26 },
              { sort, filter, traversal, segment, limit: 26, after: key },
            ];
            for (const request of requests) {
              const { plan, problems } = await explain(db, queries.page(request));
              checked += 1;
              if (problems.length > 0) {
                failures.push(`${name}, ${sort}, ${traversal}, ${segment}, ${request.after ? "after a cursor" : "from the start"}: ${plan}`);
              }
            }
          }
        }
      }
    }
    expect(failures, failures.join("\n")).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(table === "legacy" ? 80 : 60);
  });

  it.skipIf(skip)("counts one user's orders from an index, not the table", async () => {
    for (const filter of [{ userId: sample.userId }, { userId: sample.userId, storeCode: sample.storeCode }]) {
      const { plan, problems } = await explain(db, queries.count(filter));
      expect(problems, plan).toEqual([]);
    }
  });

  it.skipIf(skip)("resolves a search term by index seeks: a Date UUID on the key, a prefix of a user or a store on the folded indexes", async () => {
    const search = new SearchQueries(database.dialect);
    const statements = [
      ["a Date UUID", search.byDateUuid(sample.key.dateUuid.toUpperCase())],
      ["the first user starting with a prefix", search.nextStartingWith("userId", sample.userId.slice(0, 4).toUpperCase(), undefined)],
      ["the next user after one", search.nextStartingWith("userId", sample.userId.slice(0, 3), sample.userId.toLowerCase())],
      ["the first store starting with a prefix", search.nextStartingWith("storeCode", "web-", undefined)],
      ["the next store after one", search.nextStartingWith("storeCode", sample.storeCode.slice(0, 3), sample.storeCode.toLowerCase())],
    ] as const;
    for (const [name, statement] of statements) {
      const { plan, problems } = await explain(db, statement);
      expect(problems, `${name}: ${plan}`).toEqual([]);
    }
  });

  it.skipIf(skip)("lists one Date UUID's orders from the primary key", async () => {
    const { plan } = await explain(db, queries.page({ sort: "ORDER_DATE_DESC", filter: { dateUuid: sample.key.dateUuid }, traversal: "forward", segment: "dated", limit: 26 }));
    expect(plan).toMatch(engine === "sqlite" ? /SEARCH orders USING (COVERING )?INDEX sqlite_autoindex_orders_1 \(date_uuid=\?\)|USING PRIMARY KEY/ : /Index Scan|Index Only Scan|Bitmap Index Scan/);
    expect(plan).not.toMatch(/SCAN orders$|Seq Scan/);
  });

  it.skipIf(skip)("sees a table scan when there is no index (the check can fail)", async () => {
    await db.query(`CREATE TABLE orders_copy AS SELECT * FROM orders`);
    const sql = `SELECT * FROM orders_copy WHERE "User ID" = ${db.placeholder(1)} ORDER BY "Order Date" DESC LIMIT 26`;
    if (engine === "postgres") await db.query("ANALYZE orders_copy");
    const rows =
      engine === "sqlite"
        ? (await db.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, [sample.userId])).map((row) => row.detail)
        : [JSON.stringify(await db.query(`EXPLAIN (FORMAT JSON) ${sql}`, [sample.userId]))];
    expect(rows.join(" ")).toMatch(engine === "sqlite" ? /SCAN orders_copy/ : /Seq Scan/);
  });

  it.skipIf(skip || engine !== "postgres")("prepares each read once per connection, and plans it for its values every time", async () => {
    const statement = queries.page({ sort: "ORDER_DATE_DESC", filter: { userId: sample.userId }, traversal: "forward", segment: "dated", limit: 26 });
    const first = await database.read(statement);
    expect(await database.read(statement)).toEqual(first);
    // One request at a time: the pool hands the same connection back, and it holds the statement under one name.
    const prepared = await database.read<{ name: string; statement: string }>({ sql: "SELECT name, statement FROM pg_prepared_statements", params: [] });
    expect(prepared.filter((row) => row.statement === statement.sql)).toEqual([{ name: expect.stringMatching(/^orders_[\w-]{32}$/), statement: statement.sql }]);
    // A generic plan (made for no values in particular) could pick another index than the query plans above.
    expect(await database.read({ sql: "SHOW plan_cache_mode", params: [] })).toEqual([{ plan_cache_mode: "force_custom_plan" }]);
  });

  it.skipIf(skip || engine !== "postgres")("names no more than 200 statement texts, however many different ones it is sent", async () => {
    for (let n = 0; n < 300; n += 1) expect(await database.read({ sql: `SELECT ${n} + $1::int AS n`, params: [1] })).toEqual([{ n: n + 1 }]);
    const [{ named }] = await database.read<{ named: string }>({ sql: "SELECT count(*) AS named FROM pg_prepared_statements", params: [] });
    expect(Number(named)).toBeLessThanOrEqual(200);
    expect(Number(named)).toBeGreaterThan(100);
  });
});
