import type { FastifyBaseLogger } from "fastify";
import type { OrderService } from "../orders/order.service.js";

/** What every resolver receives: the services, and the request's id and logger. */
export interface GraphQLContext {
  orders: OrderService;
  requestId: string;
  logger: FastifyBaseLogger;
}
