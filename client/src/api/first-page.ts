import { type Client, createRequest } from "@urql/core";
import { LIST_CONTEXT, OrdersPageQuery } from "./list-query.js";
import type { OrdersVariables } from "../list/list-state.js";

/**
 * The first page of the list, asked for as the script starts rather than after the first
 * paint (urql's useQuery subscribes in an effect, which waits for the paint). The list's
 * useQuery joins this same request (urql shares an operation that is in flight) and reads
 * it from the cache if it is already back, so the page is fetched once.
 */
let early: { key: number; release(): void } | undefined;

export function fetchFirstPage(client: Client, variables: OrdersVariables): void {
  const request = createRequest(OrdersPageQuery, variables);
  const subscription = client.executeQuery(request, LIST_CONTEXT).subscribe(() => undefined);
  early = { key: request.key, release: () => subscription.unsubscribe() };
}

/** The key of the request started early, until the list has taken it over. */
export function firstPageKey(): number | undefined {
  return early?.key;
}

/** Called once the list's own query has subscribed: it keeps the request alive from here. */
export function releaseFirstPage(): void {
  early?.release();
  early = undefined;
}
