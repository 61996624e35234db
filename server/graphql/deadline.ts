import { GraphQLError } from "graphql";
import type { MiddlewareFn } from "type-graphql";
import type { GraphQLContext } from "./context.js";
import { ErrorCode } from "./errors.js";

/**
 * The execution timeout: a root resolver still running when the request's deadline passes
 * is answered with TIMEOUT instead of holding the connection. (The database statement itself
 * is bounded by DB_QUERY_TIMEOUT_MS.) A write may still complete after its answer was given up:
 * the message says that sending the same order again is safe.
 */
export const withinDeadline: MiddlewareFn<GraphQLContext> = async ({ context }, next) => {
  const remaining = context.deadline - Date.now();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new GraphQLError(
            `The request took longer than ${context.timeoutMs} ms and was stopped. If it was adding an order, sending it again is safe: it is stored at most once.`,
            { extensions: { code: ErrorCode.timeout } },
          ),
        ),
      Math.max(remaining, 0),
    );
  });
  try {
    return await Promise.race([next(), expired]);
  } finally {
    clearTimeout(timer);
  }
};
