/**
 * Operations are executed by graphql-js the first time and compiled (graphql-jit) from the
 * second (server/graphql/jit-executor.ts). Whichever runs them, callers get the same answer:
 * each document below is sent three times and the answers compared, data and errors alike
 * (per-field messages for bad variables, codes, paths), request ids aside.
 */
import { describe, expect, it } from "vitest";
import { ADD_ORDER, LIST_ORDERS_WITH_COUNT, ORDER_FIELDS, validOrder } from "../support/orders.js";
import { serverForSuite } from "../support/test-server.js";

const suite = serverForSuite("sqlite", { seed: { count: 120, seed: 12, until: new Date("2024-06-30") } });

/** The answer without what differs on every request. */
function comparable(text: string): unknown {
  return JSON.parse(text.replace(/"requestId":"[^"]+"/g, '"requestId":"-"'));
}

async function thrice(query: string, variables?: Record<string, unknown>): Promise<unknown> {
  const answers: unknown[] = [];
  for (let i = 0; i < 3; i += 1) {
    const response = await fetch(`${suite.server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
    answers.push({ status: response.status, body: comparable(await response.text()) });
  }
  expect(answers[1], "the second answer (compiled) differs from the first").toEqual(answers[0]);
  expect(answers[2]).toEqual(answers[0]);
  return answers[0];
}

const CASES: Array<[string, string, Record<string, unknown>?]> = [
  ["the client's list page", LIST_ORDERS_WITH_COUNT, { page: { first: 25 }, sort: "ORDER_DATE_DESC", filter: {} }],
  ["a page backwards, oldest first, filtered", LIST_ORDERS_WITH_COUNT, { page: { last: 10 }, sort: "ORDER_DATE_ASC", filter: { orderDateFrom: "2023-01-01" } }],
  ["a search", "query S($f: OrderFilter) { orders(filter: $f, page: { first: 3 }) { totalCount search { term match { field value exact } suggestions { field value exact } } } }", { f: { search: "a" } }],
  ["aliases, fragments, directives and __typename", `query A($yes: Boolean!) { one: orders(page: { first: 2 }) { ...Page } two: orders(page: { first: 1 }, sort: ORDER_DATE_ASC) { ...Page __typename } } fragment Page on OrderConnection { edges { node { id ... @include(if: $yes) { userId } storeCode @skip(if: $yes) } } }`, { yes: true }],
  ["a bad page size (the service's own error)", LIST_ORDERS_WITH_COUNT, { page: { first: -1 } }],
  ["a variable of the wrong type", LIST_ORDERS_WITH_COUNT, { page: { first: "ten" } }],
  ["an unknown enum value", LIST_ORDERS_WITH_COUNT, { sort: "SIDEWAYS" }],
  ["a filter that is not well-formed", LIST_ORDERS_WITH_COUNT, { filter: { userId: "a\u202Eb" } }],
  ["an order by an id that is not one", "query O($id: ID!) { order(id: $id) { id } }", { id: "not-an-id" }],
  ["an order with several bad fields", ADD_ORDER, { input: validOrder({ cardNumber: "1234", productQuantity: 0, shippingDate: "2020-01-01" }) }],
  ["an order with a field of the wrong type", ADD_ORDER, { input: validOrder({ productQuantity: "three" }) }],
  ["an order with a field it does not have", ADD_ORDER, { input: { ...validOrder(), colour: "red" } }],
];

describe("compiled execution", () => {
  it.each(CASES)("answers %s as graphql-js does", async (_name, query, variables) => {
    await thrice(query, variables);
  });

  it("adds an order, and the same order sent again (compiled) is the stored one", async () => {
    const input = validOrder({ userId: "compiled-1", dateUuid: "3f1c1b8e-3f0e-4a51-9d0e-2b1f3a2c4d5e" });
    const answer = (await thrice(ADD_ORDER, { input })) as { body: { data: { addOrder: Record<string, unknown> } } };
    expect(answer.body.data.addOrder).toMatchObject({ userId: "compiled-1", cardLast4: "4242" });
    const byId = await thrice(`query O($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id: answer.body.data.addOrder.id });
    expect(byId).toMatchObject({ body: { data: { order: answer.body.data.addOrder } } });
  });
});
