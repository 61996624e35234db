import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, UseMiddleware } from "type-graphql";
import { ROLES } from "../core/contracts.js";
import type { RecordedAddition } from "../orders/order-store.js";
import type { OrderPage } from "../orders/order.service.js";
import type { OrderView } from "../orders/order-view.js";
import type { GraphQLContext } from "./context.js";
import { DateTimeScalar } from "./date-time.scalar.js";
import { withinDeadline } from "./deadline.js";
import { AddOrderInput } from "./types/add-order.input.js";
import { OrderConnection } from "./types/order-connection.js";
import { OrderFilter } from "./types/order-filter.input.js";
import { OrderObject } from "./types/order.type.js";
import { OrderSort } from "./types/order-sort.js";
import { PageInput } from "./types/page.input.js";

@Resolver(() => OrderObject)
@UseMiddleware(withinDeadline)
export class OrderResolver {
  @Authorized(ROLES.read)
  @Query(() => OrderConnection, { description: "Orders, a page at a time (keyset pagination: every page costs the same)." })
  orders(
    // Page and filter are checked by the service (paging.ts, order-filter.ts), not by class-validator.
    @Arg("page", () => PageInput, { nullable: true, validate: false }) page: PageInput | null,
    @Arg("sort", () => OrderSort, { nullable: true, defaultValue: OrderSort.ORDER_DATE_DESC }) sort: OrderSort | null,
    @Arg("filter", () => OrderFilter, { nullable: true, validate: false }) filter: OrderFilter | null,
    @Ctx() { orders }: GraphQLContext,
  ): Promise<OrderPage> {
    return orders.listOrders({ page, sort: sort ?? OrderSort.ORDER_DATE_DESC, filter });
  }

  @Authorized(ROLES.read)
  @Query(() => OrderObject, { nullable: true, description: "One order by its id, or null when there is none." })
  order(@Arg("id", () => ID) id: string, @Ctx() { orders }: GraphQLContext): Promise<OrderView | null> {
    return orders.findOrder(id);
  }

  @Authorized(ROLES.write)
  @Mutation(() => OrderObject, {
    description:
      "Adds an order. Invalid input: BAD_USER_INPUT with extensions.fieldErrors. The same order sent again returns the stored one; the same key with other details: ORDER_EXISTS.",
  })
  async addOrder(@Arg("input", () => AddOrderInput) input: AddOrderInput, @Ctx() { orders, logger, caller, recordsCaller }: GraphQLContext): Promise<OrderView> {
    const order = await orders.addOrder(input, recordsCaller ? caller : undefined);
    logger.info({ orderId: order.id, addedBy: caller.subject }, "order added");
    return order;
  }
}

@Resolver(() => OrderConnection)
export class OrderConnectionResolver {
  @FieldResolver(() => Int, { description: "Orders matching the filter, all pages together." })
  @UseMiddleware(withinDeadline)
  totalCount(@Root() connection: OrderConnection, @Ctx() { orders, clientKey }: GraphQLContext): Promise<number> {
    return orders.totalCount(connection.filter, clientKey);
  }
}

/** Who added an order, from the order itself when it was just added, otherwise from the response's loader. */
function additionOf(order: OrderView, additions: GraphQLContext["additions"]): RecordedAddition | null | Promise<RecordedAddition | null> {
  return order.addition !== undefined ? order.addition : additions.load(order);
}

@Resolver(() => OrderObject)
export class OrderAdditionResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: "Who added the order through this API (their display name); null for orders the old app or a tool wrote directly, or added with sign-in off.",
  })
  async addedBy(@Root() order: OrderView, @Ctx() { additions }: GraphQLContext): Promise<string | null> {
    return (await additionOf(order, additions))?.name ?? null;
  }

  @FieldResolver(() => DateTimeScalar, { nullable: true, description: "When it was added through this API; null when addedBy is." })
  async addedAt(@Root() order: OrderView, @Ctx() { additions }: GraphQLContext): Promise<Date | null> {
    return (await additionOf(order, additions))?.at ?? null;
  }
}
