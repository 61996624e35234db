import type { CombinedError } from "@urql/core";

export interface FieldProblem {
  field: string;
  message: string;
}

/** A failed request, in words for the staff, with what they need to quote it. */
export interface Problem {
  /** In words: never the API's own text, which names request paths for programmers. */
  message: string;
  requestId?: string;
  /** Per-field messages from BAD_USER_INPUT / ORDER_EXISTS (`cardNumber`, `filter.userId`, …), to show beside each field. */
  fieldErrors: FieldProblem[];
  /** The service or the network failed, not the request: the same request may well work in a moment. */
  transient?: boolean;
}

interface ErrorExtensions {
  code?: unknown;
  requestId?: unknown;
  fieldErrors?: unknown;
}

const TRANSIENT_CODES = ["INTERNAL_SERVER_ERROR", "DATABASE_UNAVAILABLE", "TIMEOUT"];

/** What each code means to the staff (the API's messages are written for whoever calls it). */
const WORDS: Record<string, string> = {
  INTERNAL_SERVER_ERROR: "Something went wrong on our side. It has been logged: quote the request id if you report it.",
  DATABASE_UNAVAILABLE: "The orders database is not answering just now.",
  TIMEOUT: "The orders service took too long to answer.",
  FORBIDDEN: "Your account may not do this: ask whoever manages Orders' access for the role it needs.",
  BAD_USER_INPUT: "Something in the request is not valid.",
};

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
    const code = String(extensions[0]!.code);
    return {
      // ORDER_EXISTS is the one answer written for people (it names the Date UUID); anything unknown means this page is older than the API.
      message:
        code === "ORDER_EXISTS" ? error.graphQLErrors[0]!.message : (WORDS[code] ?? "This page does not match the orders service any more: reload the page."),
      fieldErrors,
      transient: TRANSIENT_CODES.includes(code),
      ...(requestId ? { requestId } : {}),
    };
  }
  if (!online) {
    return { message: "This computer is offline. The orders come back when the connection does.", fieldErrors: [], transient: true };
  }
  const status = (error.response as { status?: number } | undefined)?.status;
  const requestId = responseRequestId(error);
  if (status !== undefined && status >= 500) {
    return {
      message: `The orders service is not available right now (HTTP ${status}).`,
      fieldErrors: [],
      transient: true,
      ...(requestId ? { requestId } : {}),
    };
  }
  return {
    message: "The orders service cannot be reached. Check the network connection, or ask IT whether the service is running.",
    fieldErrors: [],
    transient: true,
    ...(requestId ? { requestId } : {}),
  };
}
