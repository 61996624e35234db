import { registerEnumType } from "type-graphql";

export enum OrderSort {
  ORDER_DATE_DESC = "ORDER_DATE_DESC",
  ORDER_DATE_ASC = "ORDER_DATE_ASC",
}

registerEnumType(OrderSort, {
  name: "OrderSort",
  description: "The list's order. Orders on the same date keep a fixed order (by their key), so pages never overlap.",
  valuesConfig: {
    ORDER_DATE_DESC: { description: "Newest first (orders without a date last)." },
    ORDER_DATE_ASC: { description: "Oldest first (orders without a date last)." },
  },
});
