import { Field, ObjectType } from "type-graphql";
import { Order } from "../order.entity.js";
import type { OrderFilterValues } from "../order-queries.js";

// simpleResolvers: plain fields are read straight off the object (see Order).
@ObjectType({ description: "One order in a page, with the cursor that marks its place.", simpleResolvers: true })
export class OrderEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Order)
  node!: Order;
}

@ObjectType({ description: "Where this page sits in the list.", simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType({ description: "A page of orders (Relay connection). totalCount is computed only when asked for.", simpleResolvers: true })
export class OrderConnection {
  @Field(() => [OrderEdge])
  edges!: OrderEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  /** Not a field: what totalCount counts. */
  filter!: OrderFilterValues;
}
