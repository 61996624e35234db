import type { FastifyBaseLogger } from "fastify";
import type { Caller } from "../core/caller.js";
import type { AdditionsLoader } from "../orders/additions-loader.js";
import type { OrderService } from "../orders/order.service.js";

/** What the API serves: the domain's services, made by the composition root (server.ts). */
export interface GraphQLServices {
  orders: OrderService;
}

/** What every resolver receives: the services, and the request's id and logger. */
export interface GraphQLContext extends GraphQLServices {
  /** Who is asking (authenticated before GraphQL runs; see http/access.ts). */
  caller: Caller;
  /** Who takes turns at shared work (counts) and is rate limited: the signed-in caller, else the client address. */
  clientKey: string;
  /** Whether their additions are recorded: not when sign-in is off (there is no one to name). */
  recordsCaller: boolean;
  /** Who added the orders of this response, looked up together. */
  additions: AdditionsLoader;
  requestId: string;
  logger: FastifyBaseLogger;
  /** When this request's execution time is up (epoch ms), and the limit it came from. */
  deadline: number;
  timeoutMs: number;
}
