import type { FastifyBaseLogger } from "fastify";
import type { OrderService } from "../orders/order.service.js";

/** What the API serves: the domain's services, made by the composition root (server.ts). */
export interface GraphQLServices {
  orders: OrderService;
}

/** What every resolver receives: the services, and the request's id and logger. */
export interface GraphQLContext extends GraphQLServices {
  requestId: string;
  logger: FastifyBaseLogger;
  /** When this request's execution time is up (epoch ms), and the limit it came from. */
  deadline: number;
  timeoutMs: number;
}
