/**
 * The search box, through the API on SQLite and PostgreSQL: a Date UUID exactly (either case),
 * the start of a User ID or Store Code ignoring case; one match filters the list, several come
 * back as suggestions; it combines with the other filters and the sort; bad terms are refused.
 * The user and store filters ignore case too.
 */
import { describe, expect, it } from "vitest";
import { postgresUnavailable, type EngineName } from "../support/databases.js";
import { ADD_ORDER, validOrder } from "../support/orders.js";
import { serverForSuite } from "../support/test-server.js";

const postgresSkipped = await postgresUnavailable();

const SEARCH = `query Search($filter: OrderFilter, $sort: OrderSort) {
  orders(filter: $filter, sort: $sort, page: { first: 50 }) {
    totalCount
    edges { node { dateUuid userId storeCode orderDate } }
    search { term match { field value exact } suggestions { field value exact } }
  }
}`;

interface SearchData {
  orders: {
    totalCount: number;
    edges: Array<{ node: { dateUuid: string; userId: string; storeCode: string; orderDate: string } }>;
    search: { term: string; match: { field: string; value: string; exact: boolean } | null; suggestions: Array<{ field: string; value: string; exact: boolean }> } | null;
  };
}

const UUID = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";

describe.each<EngineName>(["sqlite", "postgres"])("search on %s", (engine) => {
  const skip = engine === "postgres" && postgresSkipped !== undefined;
  const suite = serverForSuite(engine, { skip, seed: { count: 200, seed: 5, until: new Date("2024-06-30") } });

  const search = async (filter: Record<string, unknown>, sort?: string) => {
    const result = await suite.server.graphql<SearchData>(SEARCH, { filter, ...(sort ? { sort } : {}) });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data!.orders;
  };

  describe.skipIf(skip)("finds", () => {
    it("adds the orders the searches look for", async () => {
      const orders = [
        validOrder({ dateUuid: UUID, userId: "Kiosk-Customer-7", storeCode: "ZZ-0001A", orderDate: "2024-03-01" }),
        validOrder({ userId: "kiosk-customer-7", storeCode: "ZZ-0001B", orderDate: "2024-03-02", shippingDate: "2024-03-04" }),
        validOrder({ userId: "Solo-Shopper-1", storeCode: "ZZ-0001", orderDate: "2024-03-03", shippingDate: "2024-03-05" }),
      ];
      for (const input of orders) expect((await suite.server.graphql(ADD_ORDER, { input })).errors).toBeUndefined();
    });

    it("a Date UUID exactly, in either case", async () => {
      for (const term of [UUID, UUID.toUpperCase()]) {
        const orders = await search({ search: term });
        expect(orders.search?.match).toEqual({ field: "DATE_UUID", value: UUID, exact: true });
        expect(orders.edges.map((edge) => edge.node.dateUuid)).toEqual([UUID]);
        expect(orders.totalCount).toBe(1);
      }
    });

    it("a user by the start of their id, ignoring case, and lists all their orders (spellings too)", async () => {
      const orders = await search({ search: "SOLO-sho" });
      expect(orders.search?.match).toEqual({ field: "USER_ID", value: "Solo-Shopper-1", exact: false });
      expect(orders.edges.map((edge) => edge.node.userId)).toEqual(["Solo-Shopper-1"]);
      // Two users whose ids differ only in case are one to the filter, which ignores case.
      const both = await search({ search: "kiosk-customer-7" });
      expect(both.search?.match?.field).toBe("USER_ID");
      expect(both.edges.map((edge) => edge.node.userId).sort()).toEqual(["Kiosk-Customer-7", "kiosk-customer-7"]);
      expect(both.totalCount).toBe(2);
    });

    it("offers suggestions when the start of a code could mean several, and lists nothing until one is chosen", async () => {
      const orders = await search({ search: "zz-00" });
      expect(orders.search?.match).toBeNull();
      expect(orders.search?.suggestions.map((suggestion) => suggestion.value)).toEqual(["ZZ-0001", "ZZ-0001A", "ZZ-0001B"]);
      expect(orders.edges).toEqual([]);
      expect(orders.totalCount).toBe(0);
    });

    it("takes the one exact match when the term is a whole code and the start of others, and still suggests them", async () => {
      const orders = await search({ search: "zz-0001" });
      expect(orders.search?.match).toEqual({ field: "STORE_CODE", value: "ZZ-0001", exact: true });
      expect(orders.edges.map((edge) => edge.node.storeCode)).toEqual(["ZZ-0001"]);
      expect(orders.search?.suggestions.map((suggestion) => suggestion.value)).toEqual(["ZZ-0001A", "ZZ-0001B"]);
    });

    it("combines with the other filters and the sort", async () => {
      const all = await search({ search: "kiosk-cust" }, "ORDER_DATE_ASC");
      expect(all.edges.map((edge) => edge.node.orderDate)).toEqual(["2024-03-01T00:00:00.000Z", "2024-03-02T00:00:00.000Z"]);
      const dated = await search({ search: "kiosk-cust", orderDateFrom: "2024-03-02" });
      expect(dated.edges.map((edge) => edge.node.storeCode)).toEqual(["ZZ-0001B"]);
      expect(dated.totalCount).toBe(1);
      // A search that contradicts another filter (another user) matches nothing.
      const contradiction = await search({ search: "solo-shopper", userId: "kiosk-customer-7" });
      expect(contradiction.edges).toEqual([]);
      expect(contradiction.totalCount).toBe(0);
    });

    it("finds nothing, and says so, for a term nothing starts with", async () => {
      const orders = await search({ search: "no-such-thing" });
      expect(orders.search).toEqual({ term: "no-such-thing", match: null, suggestions: [] });
      expect(orders.totalCount).toBe(0);
    });

    it("filters by user and by store ignoring case", async () => {
      const lower = await search({ userId: "solo-shopper-1" });
      const upper = await search({ userId: "SOLO-SHOPPER-1" });
      expect(upper.edges).toEqual(lower.edges);
      expect(lower.totalCount).toBe(1);
      expect((await search({ storeCode: "web-1388012w" })).totalCount).toBe((await search({ storeCode: "WEB-1388012W" })).totalCount);
      expect((await search({ storeCode: "web-1388012w" })).totalCount).toBeGreaterThan(0);
    });
  });

  describe.skipIf(skip)("refuses", () => {
    it.each([
      ["too short a term", "ab", /Search needs at least 3 characters/],
      ["an empty term", "   ", /Search is empty/],
      ["control characters", "abc\u0007def", /must not contain control characters/],
      ["too long a term", "x".repeat(65), /at most 64 characters/],
    ])("%s, naming the field in words", async (_name, term, message) => {
      const result = await suite.server.graphql(SEARCH, { filter: { search: term } });
      expect(result.status).toBeLessThan(500);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", fieldErrors: [{ field: "filter.search", message: expect.stringMatching(message) }] });
    });
  });
});
