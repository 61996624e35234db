/**
 * The service pointed at the old app's table, as the old app left it: it lists and adds orders,
 * adds only the indexes it needs, and changes no legacy column.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, postgresUnavailable, type EngineName, type TestDatabase } from "../support/databases.js";
import { createLegacyTable, type LegacyRow, legacyRows } from "../support/legacy-table.js";
import { ADD_ORDER, LIST_ORDERS_WITH_COUNT, type OrderNode, type OrdersData, rowCount, validOrder } from "../support/orders.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

const postgresSkipped = await postgresUnavailable();
const LEGACY_CARD = "4111111111111111";

async function columns(db: TestDatabase): Promise<string[]> {
  const rows =
    db.engine === "sqlite"
      ? await db.query<{ description: string }>(`SELECT name || ' ' || type || ' ' || "notnull" || ' ' || pk AS description FROM pragma_table_info('orders')`)
      : await db.query<{ description: string }>(
          `SELECT column_name || ' ' || data_type || ' ' || is_nullable AS description FROM information_schema.columns WHERE table_name = 'orders' ORDER BY ordinal_position`,
        );
  return rows.map((row) => row.description);
}

async function indexes(db: TestDatabase): Promise<string[]> {
  const rows =
    db.engine === "sqlite"
      ? await db.query<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'orders' AND name NOT LIKE 'sqlite_autoindex%'`)
      : await db.query<{ name: string }>(`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'orders' AND indexname NOT LIKE '%pkey'`);
  return rows.map((row) => row.name).sort();
}

describe.each<EngineName>(["sqlite", "postgres"])("the legacy table on %s", (engine) => {
  const skip = engine === "postgres" && postgresSkipped !== undefined;
  let db: TestDatabase;
  let server: TestServer;
  let rows: LegacyRow[];
  let columnsBefore: string[];

  beforeAll(async () => {
    if (skip) return;
    db = await createTestDatabase(engine);
    rows = legacyRows(120, 5);
    await createLegacyTable(db, rows);
    // Someone once added an index by hand that already serves the per-user list: it must be reused, not doubled.
    await db.query(`CREATE INDEX by_hand_user_date ON orders ("User ID", "Order Date", date_uuid)`);
    columnsBefore = await columns(db);
    server = await startTestServer(db.url);
  });

  afterAll(async () => {
    if (skip) return;
    await server?.stop();
    await db?.drop();
  });

  it.skipIf(skip)("adds the missing list indexes, and changes no legacy column", async () => {
    expect(await columns(db)).toEqual(columnsBefore);
    // The old app's own index stays; of ours, the date index and the case-insensitive ones (the
    // case-sensitive user and store indexes this service made first were replaced by them).
    expect(await indexes(db)).toEqual(
      ["IX_orders_order_date", "IX_orders_user_ci_order_date", "IX_orders_store_ci_order_date", "IX_orders_user_store_ci_order_date", "by_hand_user_date"].sort(),
    );
  });

  it.skipIf(skip)("lists legacy rows: masked cards, NULLs as null, undated orders last", async () => {
    const { data } = await server.graphql<OrdersData>(LIST_ORDERS_WITH_COUNT, { page: { first: 100 } });
    const listed = [...data!.orders.edges.map((edge) => edge.node)];
    let next = data!.orders.pageInfo;
    while (next.hasNextPage) {
      const page = (await server.graphql<OrdersData>(LIST_ORDERS_WITH_COUNT, { page: { first: 100, after: next.endCursor } })).data!.orders;
      listed.push(...page.edges.map((edge) => edge.node));
      next = page.pageInfo;
    }
    expect(data!.orders.totalCount).toBe(rows.length);
    expect(listed).toHaveLength(rows.length);
    const undated = rows.filter((row) => row.orderDate === null).length;
    expect(undated).toBeGreaterThan(0);
    expect(listed.slice(-undated).every((node) => node.orderDate === null)).toBe(true);
    expect(listed.slice(0, -undated).every((node) => node.orderDate !== null)).toBe(true);

    const withCard = listed.find((node) => node.cardLast4 !== null)!;
    expect(withCard.cardNumberMasked).toBe("•••• •••• •••• 1111");
    expect(listed.some((node) => node.cardLast4 === null && node.cardNumberMasked === null)).toBe(true);
    expect(listed.some((node) => node.productQuantity === null)).toBe(true);
    expect(listed.some((node) => node.storeCode === null)).toBe(true);
    // SQLAlchemy's text dates (with microseconds) come back as real moments.
    expect(listed.some((node) => node.orderDate?.endsWith("13:45:10.123Z"))).toBe(true);
    expect(server.responses.join("\n")).not.toContain(LEGACY_CARD);
  });

  it.skipIf(skip)("adds an order beside the legacy rows, in the same date format on SQLite", async () => {
    const before = await rowCount(db);
    const result = await server.graphql<{ addOrder: OrderNode }>(ADD_ORDER, { input: validOrder({ orderDate: "2023-03-03", shippingDate: "2023-03-04" }) });
    expect(result.errors).toBeUndefined();
    expect(await rowCount(db)).toBe(before + 1);
    const [row] = await db.query<Record<string, unknown>>(`SELECT * FROM orders WHERE date_uuid = ${db.placeholder(1)}`, [result.data!.addOrder.dateUuid]);
    if (engine === "sqlite") expect(row!["Order Date"]).toBe("2023-03-03 00:00:00.000000");
    expect(row!["Card Number"]).toBe("424242******4242");
  });

  it.skipIf(skip)("refuses text the legacy column cannot hold (VARCHAR(50)), naming the field, where the engine enforces it", async () => {
    const before = await rowCount(db);
    const result = await server.graphql<{ addOrder: OrderNode }>(ADD_ORDER, { input: validOrder({ userId: "u".repeat(55) }) });
    if (engine === "sqlite") {
      // SQLite does not enforce declared lengths: the row fits.
      expect(result.errors).toBeUndefined();
      expect(await rowCount(db)).toBe(before + 1);
    } else {
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        fieldErrors: [{ field: "userId", message: "User ID is too long for this database: its column holds 50 characters." }],
      });
      expect(await rowCount(db)).toBe(before);
    }
  });

  it.skipIf(skip)("starts again on the same table without migrating twice", async () => {
    const again = await startTestServer(db.url);
    try {
      expect(again.logs.filter((line) => line.includes("migration applied"))).toEqual([]);
      // The list indexes, the two tables beside the legacy one (sessions, who added each order), the case-insensitive indexes.
      expect(server.logs.filter((line) => line.includes("migration applied"))).toHaveLength(5);
    } finally {
      await again.stop();
    }
    expect(await indexes(db)).toHaveLength(5);
  });
});
