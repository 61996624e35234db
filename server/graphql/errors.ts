/**
 * What a caller sees when something goes wrong. Their own mistakes come back with a stable
 * `extensions.code` and, for input, `extensions.fieldErrors` (a message per field, for a form
 * to show beside each one). Our mistakes come back as one generic message with the request id;
 * the detail goes to the log. No stack, SQL or driver text, and no card number, ever leaves.
 */
import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import { ArgumentValidationError } from "type-graphql";
import type { ValidationError } from "class-validator";
import { isTransientDatabaseError } from "../database/transient-errors.js";
import { scrubCardNumbers } from "../logging/card-number-scrubber.js";
import { type InputFieldError, InvalidInputError, OrderExistsError } from "../orders/order-errors.js";

export const ErrorCode = {
  badUserInput: "BAD_USER_INPUT",
  orderExists: "ORDER_EXISTS",
  databaseUnavailable: "DATABASE_UNAVAILABLE",
  queryTooCostly: "QUERY_TOO_COSTLY",
  timeout: "TIMEOUT",
  internal: "INTERNAL_SERVER_ERROR",
} as const;

/** Codes for errors the caller made: their message is safe and useful to show. */
const CALLER_CODES = new Set<string>([
  ErrorCode.badUserInput,
  ErrorCode.orderExists,
  ErrorCode.queryTooCostly,
  ErrorCode.timeout,
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);

const DATABASE_UNAVAILABLE_MESSAGE =
  "The database is not answering just now. Try again in a moment: sending the same order again is safe, it is stored at most once.";

export const INTERNAL_ERROR_MESSAGE =
  "Something went wrong on our side. It has been logged: quote the request id (extensions.requestId) if you report it.";

export function isCallerError(code: unknown): boolean {
  return typeof code === "string" && CALLER_CODES.has(code);
}

function fieldErrorsOf(errors: ValidationError[], prefix = ""): InputFieldError[] {
  return errors.flatMap((error) => {
    const field = prefix + error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrorsOf(error.children ?? [], `${field}.`)];
  });
}

/** graphql-js's "Did you mean …?" hints map the schema for anyone probing it: not in production. */
function withoutSuggestions(message: string): string {
  return message.replace(/ Did you mean [^?]*\?/g, "");
}

export function createFormatError({ production }: { production: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const result = formatError(formatted, error);
    return production ? { ...result, message: withoutSuggestions(result.message) } : result;
  };
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const where = {
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
  };
  if (original instanceof InvalidInputError) {
    return { message: scrubCardNumbers(original.message), ...where, extensions: { code: ErrorCode.badUserInput, fieldErrors: original.fieldErrors } };
  }
  if (original instanceof OrderExistsError) {
    return { message: original.message, ...where, extensions: { code: ErrorCode.orderExists, fieldErrors: original.fieldErrors } };
  }
  if (original instanceof ArgumentValidationError) {
    const fieldErrors = fieldErrorsOf(original.extensions.validationErrors);
    const fields = [...new Set(fieldErrors.map((fieldError) => fieldError.field))].join(", ");
    return {
      message: `The input has invalid fields (${fields}): see extensions.fieldErrors.`,
      ...where,
      extensions: { code: ErrorCode.badUserInput, fieldErrors },
    };
  }
  if (isTransientDatabaseError(original)) {
    return { message: DATABASE_UNAVAILABLE_MESSAGE, ...where, extensions: { code: ErrorCode.databaseUnavailable } };
  }
  const code = formatted.extensions?.code;
  if (isCallerError(code)) {
    const fieldErrors = formatted.extensions?.fieldErrors;
    const { cost, limit } = formatted.extensions ?? {};
    return {
      message: scrubCardNumbers(formatted.message),
      ...where,
      extensions: { code, ...(fieldErrors ? { fieldErrors } : {}), ...(cost !== undefined ? { cost, limit } : {}) },
    };
  }
  return { message: INTERNAL_ERROR_MESSAGE, ...where, extensions: { code: ErrorCode.internal } };
}
