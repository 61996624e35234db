import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { Kind, type GraphQLFormattedError, type OperationDefinitionNode, type TypeNode } from "graphql";
import { isTransientDatabaseError } from "../database/transient-errors.js";
import { InvalidInputError, OrderExistsError, type InputFieldError } from "../orders/order-errors.js";
import { type OrderDraft, validateOrder } from "../orders/order-rules.js";
import type { GraphQLContext } from "./context.js";
import { ErrorCode, isCallerError } from "./errors.js";

const ORDER_INPUT_TYPE = "AddOrderInput";
// graphql-js: Variable "$input" got invalid value <value> at "input.productQuantity"; <reason>
const VARIABLE_ERROR = /^Variable "\$(\w+)" (?:got invalid value [\s\S]*?(?: at "([^"]+)")?; ([\s\S]*)|([\s\S]*))$/;
const UNKNOWN_FIELD = /Field "(\w+)" is not defined by type/;

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/**
 * The per-field messages for a variable that failed GraphQL's own type checks (a quantity
 * sent as "abc", a missing field). For an order, the shared rules name every bad field at
 * once, with the same words the form uses; otherwise the path and graphql-js's reason.
 */
function coercionFieldErrors(
  error: GraphQLFormattedError,
  variables: Record<string, unknown> | undefined,
  operation: OperationDefinitionNode | undefined,
): { variable: string; orderInput: boolean; fieldErrors: InputFieldError[] } | undefined {
  const match = VARIABLE_ERROR.exec(error.message);
  if (!match) return undefined;
  const [, variable = "", path, reason, whole] = match;
  const definition = operation?.variableDefinitions?.find((candidate) => candidate.variable.name.value === variable);
  const orderInput = definition !== undefined && namedType(definition.type) === ORDER_INPUT_TYPE;
  const value = variables?.[variable];
  if (orderInput && typeof value === "object" && value !== null) {
    const check = validateOrder(value as OrderDraft);
    const fieldErrors: InputFieldError[] = check.ok ? [] : check.errors;
    const unknown = UNKNOWN_FIELD.exec(reason ?? "")?.[1];
    if (unknown) fieldErrors.push({ field: unknown, message: `${unknown} is not a field of an order: leave it out.` });
    if (fieldErrors.length > 0) return { variable, orderInput, fieldErrors };
  }
  const field = path ? (orderInput ? path.split(".").slice(1).join(".") : path) : variable;
  return { variable, orderInput, fieldErrors: [{ field: field || variable, message: (reason ?? whole ?? "").trim() }] };
}

/**
 * Errors on their way out: each gets the request id; unexpected ones are logged with their
 * detail (the caller sees a generic message, see errors.ts); type errors in variables get
 * per-field messages, and all of an order input's problems come back as one error.
 */
export function requestErrorsPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors(context) {
          for (const error of context.errors) {
            const original = unwrapResolverError(error);
            if (original instanceof InvalidInputError || original instanceof OrderExistsError) continue;
            if (isCallerError(error.extensions?.code)) continue;
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
          const operation = context.operation ?? undefined;
          const variables = context.request.variables;
          const out: GraphQLFormattedError[] = [];
          const merged = new Map<string, GraphQLFormattedError>();
          for (const error of body.singleResult.errors) {
            const coercion = error.extensions?.code === ErrorCode.badUserInput && !error.extensions.fieldErrors
              ? coercionFieldErrors(error, variables, operation)
              : undefined;
            if (coercion?.orderInput) {
              if (!merged.has(coercion.variable)) {
                const fields = coercion.fieldErrors.map((fieldError) => fieldError.field).join(", ");
                const single: GraphQLFormattedError = {
                  message: `The order has invalid fields (${fields}): see extensions.fieldErrors.`,
                  extensions: { code: ErrorCode.badUserInput, fieldErrors: coercion.fieldErrors },
                };
                merged.set(coercion.variable, single);
                out.push(single);
              }
              continue;
            }
            out.push(coercion ? { ...error, extensions: { ...error.extensions, fieldErrors: coercion.fieldErrors } } : error);
          }
          body.singleResult.errors = out.map((error) => ({
            ...error,
            extensions: { ...error.extensions, requestId: context.contextValue.requestId },
          }));
        },
      };
    },
  };
}
