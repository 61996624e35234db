/** schema.graphql is printed from the code; this fails when someone changed the API and forgot `npm run schema`. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { printOrdersSchema } from "../server/graphql/schema.js";

describe("schema.graphql", () => {
  it("is what the code defines (run `npm run schema` to refresh it)", async () => {
    const committed = readFileSync(new URL("../schema.graphql", import.meta.url), "utf8");
    expect(committed, "schema.graphql is stale: run `npm run schema` and commit it").toBe(await printOrdersSchema());
  });

  it("keeps the contract's names", () => {
    const schema = readFileSync(new URL("../schema.graphql", import.meta.url), "utf8");
    expect(schema).toContain("orders(filter: OrderFilter, page: PageInput, sort: OrderSort = ORDER_DATE_DESC): OrderConnection!");
    expect(schema).toContain("order(id: ID!): Order");
    expect(schema).toContain("addOrder(input: AddOrderInput!): Order!");
    // The full card number is input only: no output type has a cardNumber field.
    expect(schema).not.toMatch(/^type Order \{[^}]*\bcardNumber:/ms);
  });
});
