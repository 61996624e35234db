import { GraphQLError } from "graphql";
import type { MiddlewareFn } from "type-graphql";
import type { GraphQLContext } from "./context.js";
import { ErrorCode } from "./errors.js";

function timeoutError(timeoutMs: number): GraphQLError {
  return new GraphQLError(
    `The request took longer than ${timeoutMs} ms and was stopped. If it was adding an order, sending it again is safe: it is stored at most once.`,
    { extensions: { code: ErrorCode.timeout } },
  );
}

/**
 * The execution timeout: a root resolver still running when the request's deadline passes
 * is answered with TIMEOUT instead of holding the connection. (The database statement itself
 * is bounded by DB_QUERY_TIMEOUT_MS.) A write may still complete after its answer was given up:
 * the message says that sending the same order again is safe.
 *
 * One promise and one timer per resolver (no async wrapper, no Promise.race): it runs twice on
 * every list request, and the cheaper form measured a few percent of a request's time.
 */
export const withinDeadline: MiddlewareFn<GraphQLContext> = ({ context }, next) => {
  const running = next();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(timeoutError(context.timeoutMs)), Math.max(context.deadline - Date.now(), 0));
    running.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
};
