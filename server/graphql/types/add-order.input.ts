import { Field, InputType, Int } from "type-graphql";
import { ORDER_LIMITS, type OrderDraft } from "../../core/order-rules.js";
import { DateTimeScalar } from "../date-time.scalar.js";
import { OrderRule } from "./order-rule.decorator.js";

const { textMaxLength, cardDigitsMin, cardDigitsMax, quantityMin, quantityMax } = ORDER_LIMITS;
const text = `Trimmed; 1 to ${textMaxLength} characters, no control characters.`;

@InputType({ description: "A new order. Every field is required except dateUuid." })
export class AddOrderInput implements OrderDraft {
  @Field(() => String, {
    nullable: true,
    description:
      "The key of this one act of adding: send the same one with every retry, and the order is stored once (the web form makes one when it opens). Left out, a new random one is made, so each request is a new order.",
  })
  @OrderRule("dateUuid")
  dateUuid?: string | null;

  @Field(() => String, { description: text })
  @OrderRule("userId")
  userId!: string;

  @Field(() => String, {
    description: `Digits, with spaces or dashes if you like: ${cardDigitsMin} to ${cardDigitsMax} digits passing the Luhn check. Stored truncated (the first six and last four digits while six or more stay hidden, otherwise the last four alone); never returned.`,
  })
  @OrderRule("cardNumber")
  cardNumber!: string;

  @Field(() => String, { description: text })
  @OrderRule("storeCode")
  storeCode!: string;

  @Field(() => String, { description: text })
  @OrderRule("productCode")
  productCode!: string;

  @Field(() => Int, { description: `${quantityMin} to ${quantityMax.toLocaleString("en")}.` })
  @OrderRule("productQuantity")
  productQuantity!: number;

  @Field(() => DateTimeScalar, { description: "A real date, not more than one day in the future." })
  @OrderRule("orderDate")
  orderDate!: Date;

  @Field(() => DateTimeScalar, { description: "On or after the order date." })
  @OrderRule("shippingDate")
  shippingDate!: Date;
}
