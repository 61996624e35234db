/**
 * Property: for random tables with many equal order dates (and, on a legacy table, orders with
 * no date at all), walking every page forwards and then every page backwards returns each
 * matching row exactly once, in the order a plain ORDER BY gives, for every sort and filter;
 * and a page after any edge's own cursor starts at the row after that edge.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "../../server/config/database-url.js";
import type { OrderSortOrder } from "../../server/core/order.js";
import type { OrderFilterArgs } from "../../server/core/order-filter.js";
import { type Database, openDatabase } from "../../server/database/database.js";
import { OrderService } from "../../server/orders/order.service.js";
import { OrderStore } from "../../server/orders/order-store.js";
import { TotalCountCache } from "../../server/orders/total-count-cache.js";
import { createTestDatabase, postgresUnavailable, type EngineName, type TestDatabase } from "../support/databases.js";
import { createLegacyTable } from "../support/legacy-table.js";
import { captureLogs } from "../support/log-capture.js";

const postgresSkipped = await postgresUnavailable();
const RUNS = Number(process.env.WALK_RUNS ?? 20);

const DATES = ["2024-01-01 00:00:00.000000", "2024-01-02 00:00:00.000000", "2024-01-02 10:30:00.250000", "2024-01-03 00:00:00.000000"];
const USERS = ["ann", "bob", "cy"];
const STORES = ["S1", "S2"];

interface Row {
  dateUuid: string;
  userId: string;
  storeCode: string;
  orderDate: string | null;
}

const rowArbitrary = (withNulls: boolean): fc.Arbitrary<Row> =>
  fc.record({
    dateUuid: fc.uuid(),
    userId: fc.constantFrom(...USERS),
    storeCode: fc.constantFrom(...STORES),
    orderDate: withNulls ? fc.option(fc.constantFrom(...DATES), { freq: 4 }) : fc.constantFrom(...DATES),
  });

const filterArbitrary: fc.Arbitrary<OrderFilterArgs> = fc.record(
  {
    userId: fc.constantFrom(...USERS),
    storeCode: fc.constantFrom(...STORES),
    orderDateFrom: fc.constant(new Date("2024-01-02T00:00:00Z")),
    orderDateTo: fc.constant(new Date("2024-01-02T23:59:59.999Z")),
  },
  { requiredKeys: [] },
);

describe.each<[EngineName, "new" | "legacy"]>([
  ["sqlite", "new"],
  ["sqlite", "legacy"],
  ["postgres", "new"],
  ["postgres", "legacy"],
])("walking pages on %s, %s table", (engine, table) => {
  const skip = engine === "postgres" && postgresSkipped !== undefined;
  let db: TestDatabase;
  let database: Database;
  let service: OrderService;

  beforeAll(async () => {
    if (skip) return;
    db = await createTestDatabase(engine);
    if (table === "legacy") await createLegacyTable(db, []);
    const parsed = parseDatabaseUrl(db.url);
    if (!parsed.ok) throw new Error(parsed.problem);
    database = await openDatabase(parsed.value, {
      retry: { firstDelayMs: 10, maxDelayMs: 10, attempts: 1 },
      queryTimeoutMs: 30_000,
      logger: captureLogs().logger,
    });
    const store = new OrderStore(database);
    service = new OrderService(store, new TotalCountCache((filter) => store.count(filter), { ttlMs: 0 }));
  });

  afterAll(async () => {
    if (skip) return;
    await database?.close();
    await db?.drop();
  });

  async function load(rows: Row[]): Promise<void> {
    await db.query("DELETE FROM orders");
    const p = db.placeholder;
    for (const row of rows) {
      await db.query(
        `INSERT INTO orders (date_uuid, "User ID", "Card Number", "Store Code", product_code, "Product Quantity", "Order Date", "Shipping Date")
         VALUES (${p(1)}, ${p(2)}, '411111******1111', ${p(3)}, 'P1', 1, ${p(4)}, ${p(5)})`,
        [row.dateUuid, row.userId, row.storeCode, row.orderDate, row.orderDate],
      );
    }
  }

  /** The order a plain ORDER BY gives, with no keyset involved: what the walk must reproduce. */
  async function expected(sort: OrderSortOrder, filter: OrderFilterArgs): Promise<string[]> {
    const direction = sort === "ORDER_DATE_ASC" ? "ASC" : "DESC";
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace("?", db.placeholder(params.length)));
    };
    if (filter.userId) add(`"User ID" = ?`, filter.userId);
    if (filter.storeCode) add(`"Store Code" = ?`, filter.storeCode);
    if (filter.orderDateFrom) add(`"Order Date" >= ?`, "2024-01-02 00:00:00.000000");
    if (filter.orderDateTo) add(`"Order Date" <= ?`, "2024-01-02 23:59:59.999000");
    const rows = await db.query<{ k: string }>(
      `SELECT date_uuid || '/' || "User ID" AS k FROM orders ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY CASE WHEN "Order Date" IS NULL THEN 1 ELSE 0 END, "Order Date" ${direction}, date_uuid ${direction}, "User ID" ${direction}`,
      params,
    );
    return rows.map((row) => row.k);
  }

  it.skipIf(skip)("returns every row once, in order, forwards and backwards", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(rowArbitrary(table === "legacy"), { maxLength: 40, selector: (row) => row.dateUuid }),
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom<OrderSortOrder>("ORDER_DATE_DESC", "ORDER_DATE_ASC"),
        filterArbitrary,
        async (rows, size, sort, filter) => {
          await load(rows);
          const want = await expected(sort, filter);
          const key = (node: { dateUuid: string; userId: string }) => `${node.dateUuid}/${node.userId}`;

          const forward: string[] = [];
          let after: string | null = null;
          for (let page = 0; ; page += 1) {
            const result = await service.listOrders({ page: { first: size, after }, sort, filter });
            // Every edge's cursor (made only when asked for) marks that edge's place: the next row follows it.
            if (result.edges.length > 0) {
              expect(result.pageInfo.startCursor).toBe(result.edges[0]!.cursor);
              expect(result.pageInfo.endCursor).toBe(result.edges.at(-1)!.cursor);
              const middle = Math.floor(result.edges.length / 2);
              const next = await service.listOrders({ page: { first: 1, after: result.edges[middle]!.cursor }, sort, filter });
              expect(next.edges.map((edge) => key(edge.node))).toEqual(want.slice(forward.length + middle + 1, forward.length + middle + 2));
            }
            forward.push(...result.edges.map((edge) => key(edge.node)));
            expect(result.pageInfo.hasPreviousPage).toBe(page > 0 && want.length > 0);
            if (!result.pageInfo.hasNextPage) break;
            expect(result.edges).toHaveLength(size);
            after = result.pageInfo.endCursor;
          }
          expect(forward).toEqual(want);

          const backward: string[] = [];
          let before: string | null = null;
          for (let page = 0; ; page += 1) {
            const result = await service.listOrders({ page: { last: size, before }, sort, filter });
            backward.unshift(...result.edges.map((edge) => key(edge.node)));
            expect(result.pageInfo.hasNextPage).toBe(page > 0 && want.length > 0);
            if (!result.pageInfo.hasPreviousPage) break;
            before = result.pageInfo.startCursor;
          }
          expect(backward).toEqual(want);
          expect(await service.totalCount((await service.listOrders({ sort, filter })).filter, "walker")).toBe(want.length);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
