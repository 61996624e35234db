import type { FastifyBaseLogger } from "fastify";
import type { OrderService } from "../orders/order.service.js";

/** What every resolver receives: the services, and the request's id and logger. */
export interface GraphQLContext {
  orders: OrderService;
  requestId: string;
  logger: FastifyBaseLogger;
  /** When this request's execution time is up (epoch ms), and the limit it came from. */
  deadline: number;
  timeoutMs: number;
}
