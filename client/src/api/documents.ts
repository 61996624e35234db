import { graphql, type ResultOf, type VariablesOf } from "./graphql.js";

/**
 * The documents the client sends, for whoever needs them by name (the form, the bench). Adding
 * an order lives here rather than beside the list's query, so that only the form's chunk holds it.
 */

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

export type AddOrderInput = VariablesOf<typeof AddOrderMutation>["input"];
export type AddedOrder = ResultOf<typeof AddOrderMutation>["addOrder"];
