/** What each scenario sends, and how its figures are read. */
import autocannon, { type Request as LoadRequest } from "autocannon";
import { parse, print, visit } from "graphql";
import { AddOrderMutation } from "../../client/src/api/documents.js";
import { OrdersPageQuery } from "../../client/src/api/list-query.js";
import { validOrder } from "../support/orders.js";
import { PAGE_SHAPES, type PageShape, type ScenarioName } from "./options.js";
import { peakRssMb, resetPeakRss } from "./processes.js";

export interface ScenarioResult {
  scenario: ScenarioName;
  engine: "sqlite" | "postgres";
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  /** 2xx responses whose body held GraphQL errors. */
  graphqlErrors: number;
  responses2xx: number;
  peakRssMb: number | undefined;
}

export interface Target {
  url: string;
  pid: number;
}

/** What every request to the API carries: JSON, and the bench's access token (production signs every caller in). */
export const API_HEADERS: Record<string, string> = { "content-type": "application/json" };
/** Load before each scenario's measurement (at most this, and never longer than the measurement): its own statements and paths settle. */
const WARM_UP_SECONDS = 2;

/** The web client's own list query: the list-* scenarios send exactly what a browser sends for a page. */
export const CLIENT_LIST_QUERY = print(OrdersPageQuery as never);
/** The same query without `totalCount`: the page alone. */
const CLIENT_LIST_QUERY_NO_COUNT = print(
  visit(parse(CLIENT_LIST_QUERY), {
    Field: (node) => (node.name.value === "totalCount" ? null : undefined),
  }),
);

/** Our server's page in one of the shapes, as the web client asks for it (newest first, no filter). */
export function listPageBody(shape: PageShape): string {
  return JSON.stringify({
    query: shape.totalCount ? CLIENT_LIST_QUERY : CLIENT_LIST_QUERY_NO_COUNT,
    variables: { page: shape.page, sort: "ORDER_DATE_DESC", filter: {} },
  });
}

/**
 * The same page of PostGraphile's schema for the same table, read off its introspection (Amber
 * preset): `allOrders` with the key and the eight columns under its inflected names, the Relay
 * node `id`, and `orderBy` on the columns of IX_orders_order_date (it offers orderings only on
 * columns that an index holds), so that both read that index the same way: `ORDER BY "Order Date"
 * DESC, date_uuid DESC, "User ID" DESC LIMIT 26`. Its `cardNumber` is the column as stored
 * (the seeded rows hold it masked already); ours works out `cardLast4` from the same column.
 */
const POSTGRAPHILE_PAGE_QUERY = (totalCount: boolean) => `query OrdersPage($first: Int, $last: Int) {
  allOrders(first: $first, last: $last, orderBy: [ORDER_DATE_DESC, DATE_UUID_DESC, USER_ID_DESC]) {${totalCount ? "\n    totalCount" : ""}
    edges { node { id dateUuid userId cardNumber storeCode productCode productQuantity orderDate shippingDate } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

export function postgraphilePageBody(shape: PageShape): string {
  return JSON.stringify({ query: POSTGRAPHILE_PAGE_QUERY(shape.totalCount), variables: shape.page });
}

interface AnsweredPage {
  totalCount?: number;
  /** The orders' keys, in the order given. */
  keys: string[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean };
}

interface Connection {
  totalCount?: number;
  edges: Array<{ node: { dateUuid: string; userId: string } }>;
  pageInfo: AnsweredPage["pageInfo"];
}

async function answeredPage(url: string, headers: Record<string, string>, body: string, field: "orders" | "allOrders"): Promise<AnsweredPage> {
  const response = await fetch(`${url}/graphql`, { method: "POST", headers, body });
  const answer = (await response.json()) as { data?: Record<string, Connection>; errors?: unknown[] };
  const page = answer.data?.[field];
  if (!response.ok || answer.errors || !page) {
    throw new Error(`${url} did not answer the page (HTTP ${response.status}): ${JSON.stringify(answer.errors)?.slice(0, 500)}`);
  }
  return {
    ...(page.totalCount === undefined ? {} : { totalCount: page.totalCount }),
    keys: page.edges.map(({ node }) => `${node.dateUuid} ${node.userId}`),
    pageInfo: { hasNextPage: page.pageInfo.hasNextPage, hasPreviousPage: page.pageInfo.hasPreviousPage },
  };
}

/**
 * Before measuring: both servers answer every shape with the very same page (the same orders
 * in the same order, the same count, the same neighbours), so that the figures compare like with like.
 */
export async function checkSamePages(
  ours: string,
  postgraphile: string,
  headers: { ours: Record<string, string>; postgraphile: Record<string, string> },
): Promise<void> {
  for (const shape of PAGE_SHAPES) {
    const mine = await answeredPage(ours, headers.ours, listPageBody(shape), "orders");
    const theirs = await answeredPage(postgraphile, headers.postgraphile, postgraphilePageBody(shape), "allOrders");
    if (JSON.stringify(mine) !== JSON.stringify(theirs)) {
      throw new Error(
        `our server and PostGraphile answered different pages for the ${shape.label}:\n  ours:   ${JSON.stringify(mine)}\n  theirs: ${JSON.stringify(theirs)}`,
      );
    }
  }
}

async function graphql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${url}/graphql`, { method: "POST", headers: API_HEADERS, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`set-up query failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** One regular customer's orders: the busiest of the newest orders' customers, so that the page is full like the others. */
export async function filteredBody(url: string): Promise<string> {
  const data = await graphql<{ orders: { edges: Array<{ node: { userId: string } }> } }>(url, "{ orders(page: { first: 50 }) { edges { node { userId } } } }");
  let busiest = { userId: "", orders: -1 };
  for (const userId of new Set(data.orders.edges.map((edge) => edge.node.userId))) {
    const count = await graphql<{ orders: { totalCount: number } }>(url, "query($userId: String!) { orders(filter: { userId: $userId }, page: { first: 0 }) { totalCount } }", { userId });
    if (count.orders.totalCount > busiest.orders) busiest = { userId, orders: count.orders.totalCount };
  }
  return JSON.stringify({ query: CLIENT_LIST_QUERY, variables: { page: { first: 25 }, sort: "ORDER_DATE_DESC", filter: { userId: busiest.userId } } });
}

/** The web client's own form mutation. */
const ADD_ORDER = print(AddOrderMutation as never);

/** Valid orders, each one different (a new user id per request), so that each must be stored. */
export function addOrderRequest(runId: string): LoadRequest {
  let sequence = 0;
  return {
    method: "POST",
    path: "/graphql",
    headers: API_HEADERS,
    setupRequest: (request) => {
      sequence += 1;
      return {
        ...request,
        body: JSON.stringify({
          query: ADD_ORDER,
          variables: {
            input: validOrder({
              userId: `bench-${runId}-${sequence}`,
              productQuantity: 1 + (sequence % 50),
              orderDate: "2024-06-01",
              shippingDate: "2024-06-03",
            }),
          },
        }),
      };
    },
  };
}

/**
 * A freshly started server is measurably slower for its first ten seconds or so of load (V8
 * compiles the hot paths of graphql-js, Apollo and the rest in tiers; PostGraphile alike). Start-up is measured on
 * its own; the scenarios measure the server in its steady state, after this.
 */
export async function warmUp(url: string, requests: LoadRequest[], seconds: number, connections: number): Promise<void> {
  await autocannon({ url, connections, duration: seconds, requests });
}

export async function runLoad(
  scenario: ScenarioName,
  engine: ScenarioResult["engine"],
  target: Target,
  request: LoadRequest,
  load: { connections: number; durationSeconds: number; timeoutSeconds?: number },
  beforeMeasuring: () => Promise<void> = async () => undefined,
): Promise<ScenarioResult> {
  let graphqlErrors = 0;
  const measured: LoadRequest = {
    ...request,
    onResponse: (_status, body) => {
      if (body.includes('"errors"')) graphqlErrors += 1;
    },
  };
  // Warm-up first: the first requests pay for JIT compilation, prepared statements, cold caches.
  await autocannon({
    url: target.url,
    connections: load.connections,
    duration: Math.min(WARM_UP_SECONDS, load.durationSeconds),
    requests: [request],
    timeout: load.timeoutSeconds ?? 10,
  });
  await beforeMeasuring();
  resetPeakRss(target.pid);
  const result = await autocannon({
    url: target.url,
    connections: load.connections,
    duration: load.durationSeconds,
    requests: [measured],
    timeout: load.timeoutSeconds ?? 10,
  });
  return {
    scenario,
    engine,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    graphqlErrors,
    responses2xx: result["2xx"],
    peakRssMb: peakRssMb(target.pid),
  };
}
