/**
 * Drill: thousands of generated orders, valid and invalid, sent to addOrder over HTTP. None
 * may get a 5xx; every invalid one is refused with a field error that the shared rules agree
 * with; the rows added equal the orders accepted. FUZZ_RUNS sets the number (default 2,000).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateOrder, type OrderDraft } from "../../server/core/order-rules.js";
import { postgresUnavailable, type EngineName } from "../support/databases.js";
import { ADD_ORDER, rowCount } from "../support/orders.js";
import { serverForSuite } from "../support/test-server.js";

const postgresSkipped = await postgresUnavailable();
const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
const NOW = Date.now();

const luhnCard = fc.constantFrom("4242 4242 4242 4242", "4000-0566-5566-5556", "378282246310005", "6011111111111117", "5555555555554444", "501800000009");
const day = (offset: number) => new Date(NOW + offset * 86_400_000).toISOString().slice(0, 10);

const text = fc.oneof(
  { weight: 30, arbitrary: fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/) },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 1, arbitrary: fc.constantFrom("", "   ", "a\tb", "x".repeat(65), "émile", "店-1", "\u0000", "😀".repeat(10)) },
);

const draft: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    dateUuid: fc.oneof(fc.constant(undefined), fc.uuid(), fc.constantFrom("", "not-a-uuid")),
    userId: text,
    cardNumber: fc.oneof(
      { weight: 30, arbitrary: luhnCard },
      { weight: 1, arbitrary: fc.stringMatching(/^[0-9 -]{0,25}$/) },
      { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
      { weight: 1, arbitrary: fc.integer() },
    ),
    storeCode: text,
    productCode: text,
    productQuantity: fc.oneof(
      { weight: 30, arbitrary: fc.integer({ min: 1, max: 10_000 }) },
      { weight: 1, arbitrary: fc.integer({ min: -5, max: 20_000 }) },
      { weight: 1, arbitrary: fc.double({ noNaN: true, min: -1e6, max: 1e6 }) },
      { weight: 1, arbitrary: fc.constantFrom("3", "abc", null) },
    ),
    orderDate: fc.oneof(
      { weight: 30, arbitrary: fc.integer({ min: -3_000, max: 0 }).map(day) },
      { weight: 1, arbitrary: fc.constantFrom(day(2), "2024-02-30", "yesterday", "1899-12-31", "2024-05-31T10:00:00", "2024-05-31T10:00:00+02:00", "") },
    ),
    shippingDate: fc.oneof(
      { weight: 30, arbitrary: fc.integer({ min: 0, max: 30 }).map(day) },
      { weight: 1, arbitrary: fc.constantFrom("1999-01-01", "not a date", 20240101) },
    ),
  },
  // Every field present but dateUuid; a field missing altogether comes from the undefined values below.
  { requiredKeys: ["userId", "cardNumber", "storeCode", "productCode", "productQuantity", "orderDate", "shippingDate"] },
).chain((order) =>
  // One in ten drafts lacks one of its fields altogether.
  fc.tuple(fc.constantFrom(...Object.keys(order)), fc.integer({ min: 0, max: 9 })).map(([field, dice]) =>
    Object.fromEntries(Object.entries(order).filter(([key]) => dice > 0 || key !== field)),
  ),
);

describe.each<EngineName>(["sqlite", "postgres"])("fuzzing addOrder on %s", (engine) => {
  const skip = engine === "postgres" && postgresSkipped !== undefined;
  const suite = serverForSuite(engine, { skip });

  it.skipIf(skip)(`sends ${RUNS} generated orders: no 5xx, every refusal names a field, rows added equal orders accepted`, async () => {
    const inputs = fc.sample(draft, { numRuns: RUNS, seed: 20_240_531 });
    const accepted = new Set<string>();
    let refused = 0;
    const problems: string[] = [];
    for (let start = 0; start < inputs.length; start += 20) {
      await Promise.all(
        inputs.slice(start, start + 20).map(async (input) => {
          const result = await suite.server.graphql<{ addOrder: { id: string } }>(ADD_ORDER, { input });
          // The rules also take a quantity typed as text (a form field); the API's Int does not.
          const expectedOk = validateOrder(input as OrderDraft).ok && typeof input.productQuantity === "number";
          if (result.status >= 500) problems.push(`HTTP ${result.status} for ${JSON.stringify(input)}`);
          if (result.data?.addOrder) {
            accepted.add(result.data.addOrder.id);
            if (!expectedOk) problems.push(`accepted, but the rules refuse it: ${JSON.stringify(input)}`);
            return;
          }
          refused += 1;
          const error = result.errors?.[0];
          const code = error?.extensions?.code;
          if (code === "ORDER_EXISTS") return;
          if (code !== "BAD_USER_INPUT" || !error?.extensions?.fieldErrors?.length) {
            problems.push(`refused without a field error (${code}): ${JSON.stringify(result.errors)}`);
          }
          if (expectedOk) problems.push(`refused, but the rules accept it: ${JSON.stringify(input)} → ${JSON.stringify(result.errors)}`);
        }),
      );
    }
    expect(problems.slice(0, 10), problems.join("\n")).toEqual([]);
    expect(accepted.size + refused).toBeGreaterThan(0);
    expect(accepted.size).toBeGreaterThan(RUNS / 10);
    expect(refused).toBeGreaterThan(RUNS / 10);
    expect(await rowCount(suite.db)).toBe(accepted.size);
    console.log(`fuzz on ${engine}: ${RUNS} inputs, ${accepted.size} orders stored, ${refused} refused, 0 server errors`);
  });
});
