/**
 * The GraphQL API over real HTTP, on a real database: the same suite on SQLite and on
 * PostgreSQL. Every bad input is checked to come back as a caller error (never a 500) and
 * to write nothing.
 */
import { describe, expect, it, vi } from "vitest";
import { OrderStore } from "../../server/orders/order-store.js";
import { postgresUnavailable, type EngineName } from "../support/databases.js";
import {
  ADD_ORDER,
  LIST_ORDERS,
  LIST_ORDERS_WITH_COUNT,
  ORDER_FIELDS,
  type OrderNode,
  type OrdersData,
  rowCount,
  TEST_CARD_DIGITS,
  validOrder,
} from "../support/orders.js";
import { type GraphQLResult, serverForSuite } from "../support/test-server.js";

const postgresSkipped = await postgresUnavailable();
const SEEDED = 60;

describe.each<EngineName>(["sqlite", "postgres"])("orders API on %s", (engine) => {
  const skip = engine === "postgres" && postgresSkipped !== undefined;
  const suite = serverForSuite(engine, { skip, seed: { count: SEEDED, seed: 7, until: new Date("2024-06-30") } });

  /** Runs a request that must be refused as the caller's mistake, and checks that nothing was written. */
  async function expectRefused(
    query: string,
    variables: Record<string, unknown>,
    code = "BAD_USER_INPUT",
  ): Promise<NonNullable<GraphQLResult["errors"]>[number]> {
    const before = await rowCount(suite.db);
    const result = await suite.server.graphql(query, variables);
    expect(result.status, JSON.stringify(result)).toBeLessThan(500);
    expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result.errors)).toBe(code);
    expect(await rowCount(suite.db)).toBe(before);
    return result.errors![0]!;
  }

  const list = (variables: Record<string, unknown> = {}) => suite.server.graphql<OrdersData>(LIST_ORDERS_WITH_COUNT, variables);

  describe.skipIf(skip)("listing", () => {
    it("returns the first 25 orders, newest first, with the total", async () => {
      const result = await list();
      expect(result.errors).toBeUndefined();
      const { edges, pageInfo, totalCount } = result.data!.orders;
      expect(edges).toHaveLength(25);
      expect(totalCount).toBe(SEEDED);
      expect(pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      const dates = edges.map((edge) => edge.node.orderDate!);
      expect([...dates].sort().reverse()).toEqual(dates);
      expect(edges[0]!.node.cardNumberMasked).toMatch(/^•••• •••• •••• \d{4}$/);
    });

    it("walks every page forwards and back with cursors, each order once", async () => {
      const forward: string[] = [];
      let after: string | null = null;
      let previousPage: boolean | undefined;
      for (let hasNext = true; hasNext; ) {
        const page: OrdersData["orders"] = (await list({ page: { first: 7, after } })).data!.orders;
        forward.push(...page.edges.map((edge) => edge.node.id));
        if (after) previousPage = page.pageInfo.hasPreviousPage;
        ({ hasNextPage: hasNext, endCursor: after } = page.pageInfo);
      }
      expect(previousPage).toBe(true);
      expect(forward).toHaveLength(SEEDED);
      expect(new Set(forward).size).toBe(SEEDED);

      const backward: string[] = [];
      let before: string | null = null;
      for (let hasPrevious = true; hasPrevious; ) {
        const page: OrdersData["orders"] = (await list({ page: { last: 7, before } })).data!.orders;
        backward.unshift(...page.edges.map((edge) => edge.node.id));
        ({ hasPreviousPage: hasPrevious, startCursor: before } = page.pageInfo);
      }
      expect(backward).toEqual(forward);
    });

    it("serves the last page with last, and knows there is a page before it", async () => {
      const { edges, pageInfo } = (await list({ page: { last: 25 } })).data!.orders;
      expect(edges).toHaveLength(25);
      expect(pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
      const all = (await list({ page: { first: 100 } })).data!.orders.edges.map((edge) => edge.node.id);
      expect(edges.map((edge) => edge.node.id)).toEqual(all.slice(-25));
    });

    it("sorts oldest first on request", async () => {
      const desc = (await list({ page: { first: 100 } })).data!.orders.edges.map((edge) => edge.node.id);
      const asc = (await list({ page: { first: 100 }, sort: "ORDER_DATE_ASC" })).data!.orders.edges.map((edge) => edge.node.id);
      expect(asc).toEqual([...desc].reverse());
    });

    it("filters by user, store and order-date range, alone and together", async () => {
      const all = (await list({ page: { first: 100 } })).data!.orders.edges.map((edge) => edge.node);
      const someone = all[3]!;
      const byUser = (await list({ page: { first: 100 }, filter: { userId: someone.userId } })).data!.orders;
      expect(byUser.edges.map((edge) => edge.node.id)).toEqual(all.filter((o) => o.userId === someone.userId).map((o) => o.id));
      expect(byUser.totalCount).toBe(byUser.edges.length);

      const store = all[5]!.storeCode!;
      const byStore = (await list({ page: { first: 100 }, filter: { storeCode: store } })).data!.orders;
      expect(byStore.edges.map((edge) => edge.node.id)).toEqual(all.filter((o) => o.storeCode === store).map((o) => o.id));

      const from = "2024-01-01";
      const to = "2024-03-31T23:59:59.999Z";
      const inRange = (o: OrderNode) => o.orderDate! >= "2024-01-01T00:00:00.000Z" && o.orderDate! <= to;
      const byDates = (await list({ page: { first: 100 }, filter: { orderDateFrom: from, orderDateTo: to } })).data!.orders;
      expect(byDates.edges.map((edge) => edge.node.id)).toEqual(all.filter(inRange).map((o) => o.id));
      expect(byDates.totalCount).toBe(all.filter(inRange).length);

      const combined = (await list({ page: { first: 100 }, filter: { storeCode: store, orderDateFrom: "2000-01-01", orderDateTo: to } })).data!
        .orders;
      expect(combined.edges.map((edge) => edge.node.id)).toEqual(all.filter((o) => o.storeCode === store && inRange(o)).map((o) => o.id));
    });

    it("computes totalCount only when it is asked for", async () => {
      const count = vi.spyOn(OrderStore.prototype, "count");
      try {
        await suite.server.graphql(LIST_ORDERS, { filter: { storeCode: "never-counted-store" } });
        expect(count).not.toHaveBeenCalled();
        await suite.server.graphql(LIST_ORDERS_WITH_COUNT, { filter: { storeCode: "never-counted-store" } });
        expect(count).toHaveBeenCalledTimes(1);
      } finally {
        count.mockRestore();
      }
    });

    it("finds one order by its id, and answers null for an id that names no order", async () => {
      const node = (await list({ page: { first: 1 } })).data!.orders.edges[0]!.node;
      const found = await suite.server.graphql<{ order: OrderNode | null }>(`query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id: node.id });
      expect(found.data!.order).toEqual(node);
      const otherId = Buffer.from(JSON.stringify(["order", "00000000-0000-4000-8000-000000000000", "nobody"])).toString("base64url");
      const missing = await suite.server.graphql<{ order: OrderNode | null }>(`query($id: ID!) { order(id: $id) { id } }`, { id: otherId });
      expect(missing.errors).toBeUndefined();
      expect(missing.data!.order).toBeNull();
    });
  });

  describe.skipIf(skip)("bad paging input is refused, never a 500", () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ["a negative size", { page: { first: -1 } }, "page.first"],
      ["a size over 100", { page: { first: 101 } }, "page.first"],
      ["last over 100", { page: { last: 1000 } }, "page.last"],
      ["first with last", { page: { first: 5, last: 5 } }, "page.last"],
      ["after with before", { page: { after: "x", before: "y" } }, "page.before"],
      ["a malformed cursor", { page: { after: "not-a-cursor" } }, "page.after"],
      ["an empty cursor", { page: { after: "" } }, "page.after"],
      ["an empty user filter", { filter: { userId: "  " } }, "filter.userId"],
      ["an upside-down date range", { filter: { orderDateFrom: "2024-05-02", orderDateTo: "2024-05-01" } }, "filter.orderDateTo"],
      ["a date past the year 9999 in UTC", { filter: { orderDateTo: "9999-12-31T23:00:00-05:00" } }, "filter.orderDateTo"],
    ];
    it.each(cases)("%s", async (_name, variables, field) => {
      const error = await expectRefused(LIST_ORDERS, variables);
      expect(error.extensions!.fieldErrors!.map((fieldError) => fieldError.field)).toContain(field);
    });

    it("a size that is not a number", async () => {
      const error = await expectRefused(LIST_ORDERS, { page: { first: "ten" } });
      expect(error.extensions!.fieldErrors![0]!.field).toBe("page.first");
    });

    it("a tampered cursor, and a cursor from another sort or filter", async () => {
      const { endCursor } = (await list({ page: { first: 2 } })).data!.orders.pageInfo;
      const [payload, check] = endCursor!.split(".");
      const body = JSON.parse(Buffer.from(payload!, "base64url").toString()) as Record<string, unknown>;
      const edited = Buffer.from(JSON.stringify({ ...body, u: "00000000-0000-4000-8000-000000000000" })).toString("base64url");
      await expectRefused(LIST_ORDERS, { page: { after: `${edited}.${check}` } });
      const flipped = endCursor!.slice(0, 10) + (endCursor![10] === "A" ? "B" : "A") + endCursor!.slice(11);
      await expectRefused(LIST_ORDERS, { page: { after: flipped } });
      const otherList = await expectRefused(LIST_ORDERS, { page: { after: endCursor }, sort: "ORDER_DATE_ASC" });
      expect(otherList.extensions!.fieldErrors![0]!.message).toMatch(/another sort or filter/);
      await expectRefused(LIST_ORDERS, { page: { after: endCursor }, filter: { storeCode: "WEB-1388012W" } });
    });

    it("a malformed order id", async () => {
      await expectRefused(`query($id: ID!) { order(id: $id) { id } }`, { id: "not-an-id" });
    });
  });

  describe.skipIf(skip)("adding orders", () => {
    it("stores a valid order, returns it without its card number, and counts it at once", async () => {
      const before = (await list({ page: { first: 1 } })).data!.orders.totalCount!;
      const result = await suite.server.graphql<{ addOrder: OrderNode }>(ADD_ORDER, {
        input: validOrder({ userId: "  user-added  ", cardNumber: "4242-4242-4242-4242", orderDate: "2024-06-01", shippingDate: "2024-06-02" }),
      });
      expect(result.errors).toBeUndefined();
      const added = result.data!.addOrder;
      expect(added).toMatchObject({
        userId: "user-added",
        cardLast4: "4242",
        cardNumberMasked: "•••• •••• •••• 4242",
        productQuantity: 3,
        orderDate: "2024-06-01T00:00:00.000Z",
        shippingDate: "2024-06-02T00:00:00.000Z",
      });
      expect(added.dateUuid).toMatch(/^[0-9a-f-]{36}$/);
      const [row] = await suite.db.query<Record<string, unknown>>(`SELECT * FROM orders WHERE date_uuid = ${suite.db.placeholder(1)}`, [added.dateUuid]);
      expect(row!["Card Number"]).toBe("424242******4242");
      expect(row!["User ID"]).toBe("user-added");
      expect((await list({ page: { first: 1 } })).data!.orders.totalCount).toBe(before + 1);
      const found = await suite.server.graphql<{ order: OrderNode }>(`query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id: added.id });
      expect(found.data!.order).toEqual(added);
    });

    it("keeps a given Date UUID, and shows the new order at the top of the list", async () => {
      const dateUuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
      const result = await suite.server.graphql<{ addOrder: OrderNode }>(ADD_ORDER, {
        input: validOrder({ dateUuid, orderDate: "2024-07-01", shippingDate: "2024-07-02" }),
      });
      expect(result.data!.addOrder.dateUuid).toBe(dateUuid);
      expect((await list({ page: { first: 1 } })).data!.orders.edges[0]!.node.dateUuid).toBe(dateUuid);
    });

    it("stores one act of adding once: the same Date UUID sent twice (a double click, a retry), even at the same moment", async () => {
      const input = validOrder({ userId: "double-click", productQuantity: 7, dateUuid: "7a0c2e4f-1b3d-4e5f-8a9b-0c1d2e3f4a5b" });
      const before = await rowCount(suite.db);
      const [first, second] = await Promise.all([suite.server.graphql<{ addOrder: OrderNode }>(ADD_ORDER, { input }), suite.server.graphql<{ addOrder: OrderNode }>(ADD_ORDER, { input })]);
      expect(first.errors).toBeUndefined();
      expect(second.errors).toBeUndefined();
      expect(second.data!.addOrder).toEqual(first.data!.addOrder);
      const third = await suite.server.graphql<{ addOrder: OrderNode }>(ADD_ORDER, { input });
      expect(third.data!.addOrder.id).toBe(first.data!.addOrder.id);
      expect(await rowCount(suite.db)).toBe(before + 1);
    });

    it("keeps a genuine repeat order: the same details sent twice without a Date UUID are two orders", async () => {
      const input = validOrder({ userId: "repeat-customer", productQuantity: 1 });
      const before = await rowCount(suite.db);
      const first = await suite.server.graphql<{ addOrder: OrderNode }>(ADD_ORDER, { input });
      const second = await suite.server.graphql<{ addOrder: OrderNode }>(ADD_ORDER, { input });
      expect(first.errors).toBeUndefined();
      expect(second.errors).toBeUndefined();
      expect(second.data!.addOrder.id).not.toBe(first.data!.addOrder.id);
      expect(second.data!.addOrder.dateUuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(await rowCount(suite.db)).toBe(before + 2);
    });

    it("refuses another order under an existing key with ORDER_EXISTS", async () => {
      const dateUuid = "5d1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b";
      await suite.server.graphql(ADD_ORDER, { input: validOrder({ dateUuid, userId: "exists" }) });
      const error = await expectRefused(ADD_ORDER, { input: validOrder({ dateUuid, userId: "exists", productQuantity: 9 }) }, "ORDER_EXISTS");
      expect(error.message).toMatch(/already exists/);
      expect(error.extensions!.fieldErrors).toEqual([expect.objectContaining({ field: "dateUuid" })]);
    });

    const rules: Array<[string, Record<string, unknown>, string, RegExp]> = [
      ["a blank user ID", { userId: "   " }, "userId", /Enter the user ID/],
      ["a user ID over 64 characters", { userId: "u".repeat(65) }, "userId", /at most 64/],
      ["a user ID with a tab", { userId: "user\t1" }, "userId", /control characters/],
      ["a store code with a line break", { storeCode: "WEB\n1" }, "storeCode", /control characters/],
      ["an empty product code", { productCode: "" }, "productCode", /Enter the product code/],
      ["a product code over 64 characters", { productCode: "p".repeat(65) }, "productCode", /at most 64/],
      ["a card number with letters", { cardNumber: "4242 4242 abcd 4242" }, "cardNumber", /only digits/],
      ["a card number too short", { cardNumber: "42424242424" }, "cardNumber", /12 to 19 digits/],
      ["a card number too long", { cardNumber: "42424242424242424242" }, "cardNumber", /12 to 19 digits/],
      ["a card number failing Luhn", { cardNumber: "4242 4242 4242 4241" }, "cardNumber", /mistyped/],
      ["a quantity of 0", { productQuantity: 0 }, "productQuantity", /from 1 to 10,000/],
      ["a quantity over 10,000", { productQuantity: 10_001 }, "productQuantity", /from 1 to 10,000/],
      ["a fractional quantity", { productQuantity: 1.5 }, "productQuantity", /whole number/],
      ["a quantity as text", { productQuantity: "three" }, "productQuantity", /whole number/],
      ["an order date that does not exist", { orderDate: "2024-02-30" }, "orderDate", /real date/],
      ["an order date in words", { orderDate: "yesterday" }, "orderDate", /real date/],
      ["an order date two days ahead", { orderDate: new Date(Date.now() + 2 * 86_400_000).toISOString(), shippingDate: "2099-01-01" }, "orderDate", /future/],
      ["an order date before 1900", { orderDate: "1899-12-31", shippingDate: "1900-01-02" }, "orderDate", /1900/],
      ["a shipping date past the year 9999 in UTC", { shippingDate: "9999-12-31T23:00:00-05:00" }, "shippingDate", /real date/],
      ["a shipping date before the order date", { orderDate: "2024-05-02", shippingDate: "2024-05-01" }, "shippingDate", /on or after the order date/],
      ["a Date UUID that is not a UUID", { dateUuid: "not-a-uuid" }, "dateUuid", /must be a UUID/],
      ["a missing card number", { cardNumber: undefined }, "cardNumber", /Enter the card number/],
      ["a null quantity", { productQuantity: null }, "productQuantity", /Enter the quantity/],
      ["a field an order does not have", { discount: 5 }, "discount", /not a field/],
    ];
    it.each(rules)("refuses %s, names the field, and writes nothing", async (_name, overrides, field, message) => {
      const error = await expectRefused(ADD_ORDER, { input: validOrder(overrides) });
      const fieldError = error.extensions!.fieldErrors!.find((candidate) => candidate.field === field);
      expect(fieldError?.message, JSON.stringify(error)).toMatch(message);
    });

    it("names every bad field at once", async () => {
      const error = await expectRefused(ADD_ORDER, { input: validOrder({ userId: "", cardNumber: "1234", productQuantity: 0 }) });
      expect(error.extensions!.fieldErrors!.map((fieldError) => fieldError.field).sort()).toEqual(["cardNumber", "productQuantity", "userId"]);
    });
  });

  describe.skipIf(skip)("HTTP", () => {
    it("answers /healthz and /readyz, and echoes a request id", async () => {
      const health = await fetch(`${suite.server.url}/healthz`, { headers: { "x-request-id": "trace-123" } });
      expect(health.status).toBe(200);
      expect(health.headers.get("x-request-id")).toBe("trace-123");
      expect(await health.json()).toEqual({ status: "ok" });
      const ready = await fetch(`${suite.server.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(suite.server.logs.some((line) => line.includes('"reqId":"trace-123"'))).toBe(true);
    });

    it("keeps Apollo's CSRF prevention: a simple GET query is refused", async () => {
      const response = await fetch(`${suite.server.url}/graphql?query=${encodeURIComponent("{ orders { totalCount } }")}`);
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/CSRF/i);
    });

    it("never returns or logs a full card number", async () => {
      const everything = [...suite.server.responses, ...suite.server.logs].join("\n");
      expect(everything).not.toContain(TEST_CARD_DIGITS);
      expect(everything).not.toContain("4242 4242 4242 4242");
      expect(everything).not.toContain("4242-4242-4242-4242");
    });
  });
});
