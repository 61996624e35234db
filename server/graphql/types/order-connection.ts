import { Field, ObjectType } from "type-graphql";
import type { OrderFilterValues } from "../../core/order.js";
import { OrderObject } from "./order.type.js";
import { OrderSearchObject } from "./order-search.type.js";

// simpleResolvers: plain fields are read straight off the object (see Order).
@ObjectType({ description: "One order in a page, with the cursor that marks its place.", simpleResolvers: true })
export class OrderEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => OrderObject)
  node!: OrderObject;
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

  @Field(() => OrderSearchObject, { nullable: true, description: "What filter.search was taken to mean; null without a search." })
  search?: OrderSearchObject;

  /** Not a field: what totalCount counts (null: nothing can match). */
  filter!: OrderFilterValues | null;
}
