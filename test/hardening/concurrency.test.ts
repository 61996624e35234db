/**
 * Drill: many writers at once. 1,000 concurrent distinct orders make exactly 1,000 rows; 200
 * concurrent copies of one order make exactly one, and every copy is answered with it.
 * CONCURRENT_ORDERS and CONCURRENT_COPIES scale it up.
 */
import { describe, expect, it } from "vitest";
import { postgresUnavailable, type EngineName } from "../support/databases.js";
import { ADD_ORDER, rowCount, validOrder } from "../support/orders.js";
import { serverForSuite } from "../support/test-server.js";

const postgresSkipped = await postgresUnavailable();
const ORDERS = Number(process.env.CONCURRENT_ORDERS ?? 1_000);
const COPIES = Number(process.env.CONCURRENT_COPIES ?? 200);

describe.each<EngineName>(["sqlite", "postgres"])("concurrent writes on %s", (engine) => {
  const skip = engine === "postgres" && postgresSkipped !== undefined;
  const suite = serverForSuite(engine, { skip });

  // Node's fetch opens a connection per request in flight (no limit per origin): they really are concurrent.
  async function add(input: Record<string, unknown>): Promise<{ status: number; body: { data?: { addOrder: { id: string } } | null; errors?: unknown[] } }> {
    const { status, ...body } = await suite.server.graphql<{ addOrder: { id: string } }>(ADD_ORDER, { input });
    return { status, body };
  }

  it.skipIf(skip)(`${ORDERS} distinct orders at once make exactly ${ORDERS} rows`, async () => {
    const before = await rowCount(suite.db);
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: ORDERS }, (_, i) => add(validOrder({ userId: `concurrent-${i}` }))));
    console.log(`concurrency drill on ${engine}: ${ORDERS} distinct orders at once, answered in ${Date.now() - started} ms`);
    expect(results.filter((result) => result.status !== 200 || result.body.errors).map((result) => JSON.stringify(result.body.errors))).toEqual([]);
    expect(new Set(results.map((result) => result.body.data!.addOrder.id)).size).toBe(ORDERS);
    expect((await rowCount(suite.db)) - before).toBe(ORDERS);
  });

  it.skipIf(skip)(`${COPIES} copies of one order at once make exactly one row`, async () => {
    const before = await rowCount(suite.db);
    // One act of adding, sent many times: its Date UUID is the key that makes the copies one.
    const input = validOrder({ userId: "same-order", productQuantity: 42, dateUuid: "3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a" });
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: COPIES }, () => add(input)));
    console.log(`concurrency drill on ${engine}: ${COPIES} copies of one order at once, answered in ${Date.now() - started} ms`);
    expect(results.filter((result) => result.status !== 200 || result.body.errors).map((result) => JSON.stringify(result.body.errors))).toEqual([]);
    expect(new Set(results.map((result) => result.body.data!.addOrder.id)).size).toBe(1);
    expect((await rowCount(suite.db)) - before).toBe(1);
  });
});
