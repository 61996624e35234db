/**
 * Drill: card numbers sent anywhere but addOrder's cardNumber, the ways an attacker found past
 * the first scrubber: in a URL path, in X-Request-Id, split by dashes, dots, tabs or
 * percent-encoded spaces and tabs, and as a value GraphQL cannot coerce (whose error quotes it).
 * None may come back in an answer (body or headers) or reach a log line.
 *
 * The check here does not use the scrubber: it strips every separator and looks for the digits.
 * (The run's final leak scan then reads the same logs and answers again.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { recordTranscript } from "../support/transcripts.js";

const DIGITS = "4242424242424242";
const FORMS = {
  plain: DIGITS,
  dashes: "4242-4242-4242-4242",
  dots: "4242.4242.4242.4242",
  tabs: "4242\t4242\t4242\t4242",
  spaces: "4242 4242 4242 4242",
};
const URL_FORMS = {
  plain: DIGITS,
  dashes: "4242-4242-4242-4242",
  dots: "4242.4242.4242.4242",
  "percent-encoded spaces": "4242%204242%204242%204242",
  "percent-encoded tabs": "4242%094242%094242%094242",
  pluses: "4242+4242+4242+4242",
};

let db: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  db = await createTestDatabase("sqlite");
  server = await startTestServer(db.url);
});
afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

/** Whether the text holds the card's digits, whatever stands between them. */
function holdsCard(text: string): boolean {
  return text.replace(/%20|%09|\\t|\\u0009/gi, "").replace(/\D/g, "").includes(DIGITS);
}

interface Answer {
  status: number;
  text: string;
  headers: string;
}

async function send(path: string, init: RequestInit = {}): Promise<Answer> {
  const logsBefore = server.logs.length;
  const response = await fetch(`${server.url}${path}`, init);
  const text = await response.text();
  recordTranscript("response", text);
  const lines: string[] = [];
  response.headers.forEach((value, name) => lines.push(`${name}: ${value}`));
  const headers = lines.join("\n");
  // Let the request's completion line reach the log.
  await new Promise((resolve) => setTimeout(resolve, 20));
  const logged = server.logs.slice(logsBefore);
  expect(logged.filter(holdsCard), `log lines for ${path}`).toEqual([]);
  return { status: response.status, text, headers };
}

const graphql = (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) =>
  send("/graphql", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });

describe("card numbers outside addOrder", () => {
  it.each(Object.entries(URL_FORMS))("in a URL path (%s) are not logged", async (_form, card) => {
    const answer = await send(`/orders/${card}/details`);
    expect(answer.status).toBe(404);
    expect(holdsCard(answer.text + answer.headers)).toBe(false);
  });

  it.each(Object.entries(URL_FORMS))("in a query string (%s) are not logged", async (_form, card) => {
    const answer = await send(`/export/orders.csv?search=${card}`);
    expect(holdsCard(answer.headers)).toBe(false);
  });

  it.each(Object.entries(FORMS).filter(([form]) => form !== "tabs"))("as X-Request-Id (%s) are neither echoed nor logged", async (_form, card) => {
    const answer = await graphql("{ orders(page: { first: 1 }) { totalCount } }", undefined, { "x-request-id": card });
    expect(answer.status).toBe(200);
    expect(holdsCard(answer.headers + answer.text)).toBe(false);
  });

  it("a request id that is not a card number is kept, so callers can still trace their requests", async () => {
    const answer = await graphql("{ orders(page: { first: 1 }) { totalCount } }", undefined, { "x-request-id": "till-7-request-0042" });
    expect(answer.headers).toContain("x-request-id: till-7-request-0042");
  });

  it.each(Object.entries(FORMS))("as a number where text is wanted (%s) are not echoed by the coercion error", async (_form, card) => {
    // A card number typed as a JSON number into a text field: graphql-js quotes the value it could not coerce.
    const asNumber = await graphql("query Q($filter: OrderFilter) { orders(filter: $filter) { totalCount } }", { filter: { userId: Number(DIGITS) } });
    expect(asNumber.text).toContain("BAD_USER_INPUT");
    expect(holdsCard(asNumber.text)).toBe(false);
    // As an inline literal, and as a filter value of the wrong type.
    const inline = await graphql(`{ orders(filter: { userId: ${DIGITS} }) { totalCount } }`);
    expect(inline.status).toBe(400);
    expect(holdsCard(inline.text)).toBe(false);
    const inDate = await graphql("query Q($filter: OrderFilter) { orders(filter: $filter) { totalCount } }", { filter: { orderDateFrom: card } });
    expect(inDate.text).toContain("BAD_USER_INPUT");
    expect(holdsCard(inDate.text)).toBe(false);
  });

  it("in an order whose other fields are wrong are not echoed, in any field's message", async () => {
    const answer = await graphql("mutation A($input: AddOrderInput!) { addOrder(input: $input) { id } }", {
      input: { userId: FORMS.dots, storeCode: FORMS.dashes, productCode: FORMS.tabs, cardNumber: Number(DIGITS), productQuantity: "x", orderDate: FORMS.spaces, shippingDate: DIGITS },
    });
    expect(answer.text).toContain("BAD_USER_INPUT");
    expect(holdsCard(answer.text)).toBe(false);
  });
});
