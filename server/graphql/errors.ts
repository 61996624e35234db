/**
 * What a caller sees when something goes wrong: the one place that shapes an outgoing error,
 * whether Apollo formats it (`formatError`), a request completes with errors
 * (`completeErrors`: per-field messages for variables, the request id), or Fastify refuses a
 * request before GraphQL sees it (`httpErrorReply`).
 *
 * Their own mistakes come back with a stable `extensions.code` and, for input,
 * `extensions.fieldErrors` (a message per field, for a form to show beside each one). Our
 * mistakes come back as one generic message with the request id; the detail goes to the log.
 * No stack, SQL or driver text, and no card number, ever leaves.
 */
import { STATUS_CODES } from "node:http";
import { unwrapResolverError } from "@apollo/server/errors";
import { type GraphQLFormattedError, Kind, type OperationDefinitionNode, type TypeNode } from "graphql";
import { ArgumentValidationError } from "type-graphql";
import type { ValidationError } from "class-validator";
import { type InputFieldError, InvalidInputError, OrderExistsError } from "../core/order-errors.js";
import { type OrderDraft, validateOrder } from "../core/order-rules.js";
import { ReadTimeoutError } from "../database/read-timeout.js";
import { isTransientDatabaseError } from "../database/transient-errors.js";
import { scrubCardNumbers } from "../logging/card-number-scrubber.js";
import { CountsBusyError } from "../orders/count-scheduler.js";

export const ErrorCode = {
  badUserInput: "BAD_USER_INPUT",
  orderExists: "ORDER_EXISTS",
  databaseUnavailable: "DATABASE_UNAVAILABLE",
  queryTooCostly: "QUERY_TOO_COSTLY",
  countsBusy: "COUNTS_BUSY",
  timeout: "TIMEOUT",
  unauthenticated: "UNAUTHENTICATED",
  forbidden: "FORBIDDEN",
  internal: "INTERNAL_SERVER_ERROR",
} as const;

/** Codes for errors the caller made: their message is safe and useful to show. */
const CALLER_CODES = new Set<string>([
  ErrorCode.badUserInput,
  ErrorCode.orderExists,
  ErrorCode.queryTooCostly,
  ErrorCode.countsBusy,
  ErrorCode.timeout,
  ErrorCode.unauthenticated,
  ErrorCode.forbidden,
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);

const DATABASE_UNAVAILABLE_MESSAGE =
  "The database is not answering just now. Try again in a moment: sending the same order again is safe, it is stored at most once.";

const INTERNAL_ERROR_MESSAGE =
  "Something went wrong on our side. It has been logged: quote the request id (extensions.requestId) if you report it.";

/** Whether an error is the caller's own (nothing to log as ours), by its original or its code. */
export function isCallerError(error: unknown, code: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof InvalidInputError || original instanceof OrderExistsError) return true;
  if (original instanceof CountsBusyError || original instanceof ReadTimeoutError) return true;
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

/** Apollo's `formatError`: each error as the caller may see it. */
export function createFormatError({ production }: { production: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const result = shapeError(formatted, error);
    return production ? { ...result, message: withoutSuggestions(result.message) } : result;
  };
}

function shapeError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
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
  if (original instanceof CountsBusyError) {
    return { message: original.message, ...where, extensions: { code: ErrorCode.countsBusy } };
  }
  if (original instanceof ReadTimeoutError) {
    return {
      message: `Counting the matching orders took longer than ${original.timeoutMs} ms and was stopped. Narrow the filter (a shorter date range, a user or a store), or leave out totalCount.`,
      ...where,
      extensions: { code: ErrorCode.timeout },
    };
  }
  if (isTransientDatabaseError(original)) {
    return { message: DATABASE_UNAVAILABLE_MESSAGE, ...where, extensions: { code: ErrorCode.databaseUnavailable } };
  }
  const code = formatted.extensions?.code;
  if (isCallerError(undefined, code)) {
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

export interface CompletedRequest {
  variables: Record<string, unknown> | undefined;
  operation: OperationDefinitionNode | undefined;
  requestId: string;
}

/**
 * A request's errors as they leave, once all are known: each gets the request id; type errors
 * in variables get per-field messages, and all of an order input's problems come back as one error.
 */
export function completeErrors(errors: readonly GraphQLFormattedError[], { variables, operation, requestId }: CompletedRequest): GraphQLFormattedError[] {
  const out: GraphQLFormattedError[] = [];
  const merged = new Set<string>();
  for (const error of errors) {
    const coercion =
      error.extensions?.code === ErrorCode.badUserInput && !error.extensions.fieldErrors ? coercionFieldErrors(error, variables, operation) : undefined;
    if (coercion?.orderInput) {
      if (!merged.has(coercion.variable)) {
        merged.add(coercion.variable);
        const fields = coercion.fieldErrors.map((fieldError) => fieldError.field).join(", ");
        out.push({
          message: `The order has invalid fields (${fields}): see extensions.fieldErrors.`,
          extensions: { code: ErrorCode.badUserInput, fieldErrors: coercion.fieldErrors },
        });
      }
      continue;
    }
    out.push(coercion ? { ...error, extensions: { ...error.extensions, fieldErrors: coercion.fieldErrors } } : error);
  }
  // The last step out: no message, the caller's or graphql-js's echo of a variable, may carry a card number.
  return out.map((error) => ({
    ...error,
    message: scrubCardNumbers(error.message),
    extensions: { ...error.extensions, ...scrubbedFieldErrors(error.extensions?.fieldErrors), requestId },
  }));
}

function scrubbedFieldErrors(fieldErrors: unknown): { fieldErrors?: InputFieldError[] } {
  if (!Array.isArray(fieldErrors)) return {};
  return { fieldErrors: (fieldErrors as InputFieldError[]).map((fieldError) => ({ ...fieldError, message: scrubCardNumbers(fieldError.message) })) };
}

export interface HttpErrorReply {
  statusCode: number;
  body: { statusCode: number; error: string; message: string; requestId?: string };
}

/**
 * A request refused outside GraphQL (a body too large, malformed JSON, a route's own failure):
 * the caller's mistakes keep their message; ours become the generic one with the request id.
 */
export function httpErrorReply(statusCode: number | undefined, message: string, requestId: string): HttpErrorReply {
  const status = typeof statusCode === "number" && statusCode >= 400 && statusCode <= 599 ? statusCode : 500;
  if (status < 500) return { statusCode: status, body: { statusCode: status, error: STATUS_CODES[status] ?? "Bad Request", message: scrubCardNumbers(message) } };
  return { statusCode: status, body: { statusCode: status, error: "Internal Server Error", message: INTERNAL_ERROR_MESSAGE, requestId } };
}

/** A refusal outside GraphQL (401, 403, 421, 503, a bad export), in the shape GraphQL callers read errors in; `details` (per-field errors) go beside the code. */
export function callerErrorBody(code: string, message: string, requestId: string, details: Record<string, unknown> = {}): { errors: GraphQLFormattedError[] } {
  return { errors: [{ message: scrubCardNumbers(message), extensions: { code, ...details, requestId } }] };
}
