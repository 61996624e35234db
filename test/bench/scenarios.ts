/** What each scenario sends, and how its figures are read. */
import autocannon, { type Request as LoadRequest } from "autocannon";
import { print } from "graphql";
import { AddOrderMutation, OrdersPageQuery } from "../../client/src/api/documents.js";
import { validOrder } from "../support/orders.js";
import type { ScenarioName } from "./options.js";
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

/** The web client's own list query: the list-first scenario sends exactly what a browser sends for the first page. */
export const CLIENT_LIST_QUERY = print(OrdersPageQuery as never);

export function firstPageBody(): string {
  return JSON.stringify({ query: CLIENT_LIST_QUERY, variables: { page: { first: 25 }, sort: "ORDER_DATE_DESC", filter: {} } });
}

async function graphql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${url}/graphql`, { method: "POST", headers: API_HEADERS, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`set-up query failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** The last page, reached by cursor: `first: 25` after the 26th order from the end. */
export async function lastPageBody(url: string): Promise<string> {
  const data = await graphql<{ orders: { pageInfo: { startCursor: string } } }>(url, "{ orders(page: { last: 26 }) { pageInfo { startCursor } } }");
  return JSON.stringify({
    query: CLIENT_LIST_QUERY,
    variables: { page: { first: 25, after: data.orders.pageInfo.startCursor }, sort: "ORDER_DATE_DESC", filter: {} },
  });
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
 * compiles the hot paths of graphql-js, Apollo and the rest in tiers). Start-up is measured on
 * its own; the scenarios measure the server in its steady state, after this.
 */
export async function warmUp(url: string, bodies: string[], seconds: number, connections: number): Promise<void> {
  await autocannon({
    url,
    connections,
    duration: seconds,
    requests: bodies.map((body) => ({ method: "POST", path: "/graphql", headers: API_HEADERS, body })),
  });
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
