import { cacheExchange, Client, fetchExchange } from "@urql/core";
import { fetchSignedIn } from "./session.js";

/**
 * The GraphQL client: JSON POST for every operation (Apollo's CSRF prevention accepts it;
 * a GET without a preflight header would be refused), the document cache, and
 * cache-and-network so that a page seen before shows at once and is then brought up to date.
 * A 401 (the session ended) goes through sign-in and back to the same page.
 */
export function createOrdersClient(): Client {
  return new Client({
    url: "/graphql",
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    fetch: fetchSignedIn,
    requestPolicy: "cache-and-network",
  });
}
