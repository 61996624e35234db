import { graphql, type ResultOf } from "../api/graphql.js";

/** Everything about one order, for its details panel (in the panel's chunk: only it asks). */
export const OrderDetailsQuery = graphql(`
  query OrderDetails($id: ID!) {
    order(id: $id) {
      id
      dateUuid
      userId
      cardNumberMasked
      storeCode
      productCode
      productQuantity
      orderDate
      shippingDate
      addedBy
      addedAt
    }
  }
`);

export type OrderDetail = NonNullable<ResultOf<typeof OrderDetailsQuery>["order"]>;
