import { Field, ID, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../date-time.scalar.js";

/**
 * The GraphQL `Order`: what a caller may see of an order (orders/order-view.ts holds the values).
 * Columns other than the key may be NULL in rows the old app wrote, so their fields are
 * nullable. The card number itself is never a field.
 */
// simpleResolvers: the fields are read straight off the object (graphql-js's default resolver),
// without type-graphql's per-field wrapper: no middleware or auth applies to them.
@ObjectType("Order", { description: "An order as recorded by the store staff.", simpleResolvers: true })
export class OrderObject {
  @Field(() => ID, { description: "Opaque and stable; pass it to `order(id:)`." })
  id!: string;

  @Field(() => String, { description: "The order's UUID: first half of its key." })
  dateUuid!: string;

  @Field(() => String, { description: "The customer's id: second half of the order's key." })
  userId!: string;

  @Field(() => String, { nullable: true, description: "The last four digits of the card." })
  cardLast4!: string | null;

  @Field(() => String, { nullable: true, description: "The card number as it may be shown: •••• •••• •••• 4242." })
  cardNumberMasked!: string | null;

  @Field(() => String, { nullable: true })
  storeCode!: string | null;

  @Field(() => String, { nullable: true })
  productCode!: string | null;

  @Field(() => Int, { nullable: true })
  productQuantity!: number | null;

  @Field(() => DateTimeScalar, { nullable: true })
  orderDate!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  shippingDate!: Date | null;
}
