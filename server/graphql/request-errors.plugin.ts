import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { isTransientDatabaseError } from "../database/transient-errors.js";
import type { GraphQLContext } from "./context.js";
import { completeErrors, isCallerError } from "./errors.js";

/**
 * Errors of a request: unexpected ones are logged with their detail (the caller sees what
 * errors.ts shapes); on the way out, errors.ts completes them with what only the request knows.
 */
export function requestErrorsPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors(context) {
          for (const error of context.errors) {
            if (isCallerError(error, error.extensions?.code)) continue;
            const original = unwrapResolverError(error);
            const detail = original instanceof Error ? original : error;
            if (isTransientDatabaseError(original)) {
              context.contextValue.logger.warn({ err: { type: detail.name, message: detail.message } }, "database unavailable during a request");
              continue;
            }
            context.contextValue.logger.error(
              {
                err: { type: detail.name, message: detail.message, stack: detail.stack },
                path: error.path?.join("."),
                operation: context.operationName ?? undefined,
              },
              "unexpected error in a GraphQL request",
            );
          }
        },
        async willSendResponse(context) {
          const { body } = context.response;
          if (body.kind !== "single" || !body.singleResult.errors) return;
          body.singleResult.errors = completeErrors(body.singleResult.errors, {
            variables: context.request.variables,
            operation: context.operation ?? undefined,
            requestId: context.contextValue.requestId,
          });
        },
      };
    },
  };
}
