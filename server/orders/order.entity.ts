import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { DateTimeScalar } from "../graphql/date-time.scalar.js";
import { cardLast4, maskCardNumber } from "./card-number.js";
import { encodeOrderId } from "./order-id.js";
import { ORDER_COLUMNS, ORDER_TABLE } from "./order-table.js";

/**
 * One row of the legacy `orders` table, and the GraphQL `Order` type. Columns other than
 * the key may be NULL in rows the old app wrote, so their fields are nullable.
 */
// simpleResolvers: the fields are read straight off the object (graphql-js's default resolver),
// without type-graphql's per-field wrapper: no middleware or auth applies to them.
@ObjectType("Order", { description: "An order as recorded by the store staff.", simpleResolvers: true })
@Entity({ name: ORDER_TABLE })
export class Order {
  @Field(() => String, { description: "The order's UUID: first half of its key." })
  @PrimaryColumn({ name: ORDER_COLUMNS.dateUuid, type: "varchar", length: 64 })
  dateUuid!: string;

  @Field(() => String, { description: "The customer's id: second half of the order's key." })
  @PrimaryColumn({ name: ORDER_COLUMNS.userId, type: "varchar", length: 64 })
  userId!: string;

  /** As stored: truncated for new rows, possibly full in legacy rows. Never a GraphQL field. */
  @Column({ name: ORDER_COLUMNS.cardNumber, type: "varchar", length: 64, nullable: true })
  cardNumber!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: ORDER_COLUMNS.storeCode, type: "varchar", length: 64, nullable: true })
  storeCode!: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: ORDER_COLUMNS.productCode, type: "varchar", length: 64, nullable: true })
  productCode!: string | null;

  @Field(() => Int, { nullable: true })
  @Column({ name: ORDER_COLUMNS.productQuantity, type: "int", nullable: true })
  productQuantity!: number | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: ORDER_COLUMNS.orderDate, type: Date, nullable: true })
  orderDate!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: ORDER_COLUMNS.shippingDate, type: Date, nullable: true })
  shippingDate!: Date | null;

  @Field(() => ID, { description: "Opaque and stable; pass it to `order(id:)`." })
  get id(): string {
    return encodeOrderId(this);
  }

  @Field(() => String, { nullable: true, description: "The last four digits of the card." })
  get cardLast4(): string | null {
    return cardLast4(this.cardNumber);
  }

  @Field(() => String, { nullable: true, description: "The card number as it may be shown: •••• •••• •••• 4242." })
  get cardNumberMasked(): string | null {
    return maskCardNumber(this.cardNumber);
  }
}
