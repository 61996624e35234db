import { graphql, type ResultOf } from "./graphql.js";

/**
 * One page of the list, with the eight columns of the old app (the card as its last four
 * digits), the number of matching orders, and what a search term was taken to mean. The server
 * keeps counts cached (and counts off its event loop), so the rows do not wait for a count. The
 * list moves by the page's start and end cursors; it never needs one per row, so it does not ask
 * for them (25 fewer to make and send on every page).
 *
 * The first page's only document: those that only a later chunk needs (documents.ts, the
 * details panel's) stay out of it, so the first page neither downloads nor parses them.
 */
export const OrdersPageQuery = graphql(`
  query OrdersPage($page: PageInput, $sort: OrderSort, $filter: OrderFilter) {
    orders(page: $page, sort: $sort, filter: $filter) {
      totalCount
      edges {
        node {
          id
          dateUuid
          userId
          cardLast4
          storeCode
          productCode
          productQuantity
          orderDate
          shippingDate
        }
      }
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      search {
        term
        match {
          field
          value
          exact
        }
        suggestions {
          field
          value
          exact
        }
      }
    }
  }
`);

type OrdersPage = ResultOf<typeof OrdersPageQuery>["orders"];
export type OrderRow = OrdersPage["edges"][number]["node"];
export type OrderSearch = NonNullable<OrdersPage["search"]>;
export type SearchMatch = OrderSearch["suggestions"][number];

/**
 * The list query names Order, so that urql's document cache drops it when addOrder returns
 * an Order (even when the cached page was empty and held no Order to match).
 */
export const LIST_CONTEXT = { additionalTypenames: ["Order"] };
