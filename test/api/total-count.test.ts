/**
 * totalCount stays exact without a full count per request: this server's own writes count at
 * once; another writer's (another replica, the seed command, the old app) within the TTL.
 */
import { describe, expect, it, vi } from "vitest";
import { OrderStore } from "../../server/orders/order-store.js";
import { postgresUnavailable, type EngineName } from "../support/databases.js";
import { ADD_ORDER, validOrder } from "../support/orders.js";
import { serverForSuite } from "../support/test-server.js";

const postgresSkipped = await postgresUnavailable();
const TTL_MS = 300;

describe.each<EngineName>(["sqlite", "postgres"])("totalCount on %s", (engine) => {
  const skip = engine === "postgres" && postgresSkipped !== undefined;
  const suite = serverForSuite(engine, {
    skip,
    seed: { count: 40, seed: 3, until: new Date("2024-06-30") },
    env: { TOTAL_COUNT_TTL_MS: String(TTL_MS) },
  });

  const total = async () => (await suite.server.graphql<{ orders: { totalCount: number } }>("{ orders(page: { first: 0 }) { totalCount } }")).data!.orders.totalCount;

  it.skipIf(skip)("counts this server's own writes at once, and another writer's within the TTL", async () => {
    expect(await total()).toBe(40);
    await suite.server.graphql(ADD_ORDER, { input: validOrder({ userId: "counted-at-once" }) });
    expect(await total()).toBe(41);

    const { db } = suite;
    const p = db.placeholder;
    await db.query(
      `INSERT INTO orders (date_uuid, "User ID", "Card Number", "Store Code", product_code, "Product Quantity", "Order Date", "Shipping Date")
       VALUES (${p(1)}, 'someone-else', '411111******1111', 'S1', 'P1', 1, ${p(2)}, ${p(3)})`,
      ["11111111-2222-4333-8444-555555555555", "2024-01-01 00:00:00.000000", "2024-01-02 00:00:00.000000"],
    );
    const started = Date.now();
    while ((await total()) !== 42) {
      expect(Date.now() - started, "the other writer's order was not counted in time").toBeLessThan(TTL_MS * 3 + 1_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it.skipIf(skip)("after an idle spell, the first count read already has another writer's order (never older than the TTL)", async () => {
    const before = await total();
    const { db } = suite;
    const p = db.placeholder;
    await db.query(
      `INSERT INTO orders (date_uuid, "User ID", "Card Number", "Store Code", product_code, "Product Quantity", "Order Date", "Shipping Date")
       VALUES (${p(1)}, 'while-idle', '411111******1111', 'S1', 'P1', 1, ${p(2)}, ${p(3)})`,
      ["22222222-3333-4444-8555-666666666666", "2024-01-01 00:00:00.000000", "2024-01-02 00:00:00.000000"],
    );
    // Idle for more than the TTL: nobody asks, so nothing recounts in the background.
    await new Promise((resolve) => setTimeout(resolve, TTL_MS * 2));
    expect(await total()).toBe(before + 1);
  });

  // SQLite tells whether another connection wrote (data_version); the other engines recount on the TTL.
  if (engine === "sqlite") it("does not count again while nobody else writes", async () => {
    await total();
    const count = vi.spyOn(OrderStore.prototype, "count");
    try {
      for (let i = 0; i < 5; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, TTL_MS));
        await total();
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(count).not.toHaveBeenCalled();
    } finally {
      count.mockRestore();
    }
  });
});
