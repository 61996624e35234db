import { graphql, type ResultOf, type VariablesOf } from "./graphql.js";

/**
 * One page of the list, with the eight columns of the old app and the number of matching
 * orders. The server keeps counts cached (and counts off its event loop), so the rows do not
 * wait for a count. The list moves by the page's start and end cursors; it never needs one per
 * row, so it does not ask for them (25 fewer to make and send on every page).
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
          cardNumberMasked
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
    }
  }
`);

export const AddOrderMutation = graphql(`
  mutation AddOrder($input: AddOrderInput!) {
    addOrder(input: $input) {
      id
      dateUuid
      userId
      orderDate
      addedBy
    }
  }
`);

export type OrderRow = ResultOf<typeof OrdersPageQuery>["orders"]["edges"][number]["node"];
export type AddOrderInput = VariablesOf<typeof AddOrderMutation>["input"];
export type AddedOrder = ResultOf<typeof AddOrderMutation>["addOrder"];

/**
 * The list query names Order, so that urql's document cache drops it when addOrder returns
 * an Order (even when the cached page was empty and held no Order to match).
 */
export const LIST_CONTEXT = { additionalTypenames: ["Order"] };
