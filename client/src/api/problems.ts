import type { CombinedError } from "@urql/core";

export interface FieldProblem {
  field: string;
  message: string;
}

/** A failed request, in words for the staff, with what they need to quote it. */
export interface Problem {
  message: string;
  requestId?: string;
  /** Per-field messages from BAD_USER_INPUT / ORDER_EXISTS (`cardNumber`, `filter.userId`, …). */
  fieldErrors: FieldProblem[];
}

interface ErrorExtensions {
  requestId?: unknown;
  fieldErrors?: unknown;
}

function fieldErrorsOf(extensions: ErrorExtensions): FieldProblem[] {
  if (!Array.isArray(extensions.fieldErrors)) return [];
  return extensions.fieldErrors.filter(
    (entry): entry is FieldProblem =>
      typeof entry === "object" && entry !== null && typeof entry.field === "string" && typeof entry.message === "string",
  );
}

function responseRequestId(error: CombinedError): string | undefined {
  const response = error.response as { headers?: { get?(name: string): string | null } } | undefined;
  return response?.headers?.get?.("x-request-id") ?? undefined;
}

/**
 * Reads urql's CombinedError. A GraphQL error body arrives as graphQLErrors even with an HTTP
 * 400 (urql parses the body whatever the status), so only a request that got no GraphQL
 * answer at all counts as a network problem.
 */
export function describeProblem(error: CombinedError, online = typeof navigator === "undefined" || navigator.onLine): Problem {
  if (error.graphQLErrors.length > 0) {
    const extensions = error.graphQLErrors.map((graphQLError) => (graphQLError.extensions ?? {}) as ErrorExtensions);
    const fieldErrors = extensions.flatMap(fieldErrorsOf);
    const requestId = extensions.map((entry) => entry.requestId).find((id): id is string => typeof id === "string") ?? responseRequestId(error);
    return {
      message: error.graphQLErrors[0]!.message,
      fieldErrors,
      ...(requestId ? { requestId } : {}),
    };
  }
  if (!online) {
    return { message: "This computer is offline. The orders come back when the connection does.", fieldErrors: [] };
  }
  const status = (error.response as { status?: number } | undefined)?.status;
  const requestId = responseRequestId(error);
  if (status !== undefined && status >= 500) {
    return {
      message: `The orders service is not available right now (HTTP ${status}). Try again in a moment.`,
      fieldErrors: [],
      ...(requestId ? { requestId } : {}),
    };
  }
  return {
    message: "The orders service cannot be reached. Check the network connection, or ask IT whether the service is running.",
    fieldErrors: [],
    ...(requestId ? { requestId } : {}),
  };
}
