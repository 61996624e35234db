import { CombinedError } from "@urql/core";
import { describe, expect, it } from "vitest";
import { describeProblem } from "./problems.js";

const graphQLError = (message: string, extensions: Record<string, unknown>) =>
  new CombinedError({ graphQLErrors: [{ message, extensions } as never] });

describe("describeProblem", () => {
  it("puts each code in words for the staff, never the API's own text that points programmers at extensions", () => {
    const internal = describeProblem(
      graphQLError("Something went wrong on our side. It has been logged: quote the request id (extensions.requestId) if you report it.", {
        code: "INTERNAL_SERVER_ERROR",
        requestId: "req-1",
      }),
    );
    expect(internal).toEqual({
      message: "Something went wrong on our side. It has been logged: quote the request id if you report it.",
      fieldErrors: [],
      transient: true,
      requestId: "req-1",
    });
    const input = describeProblem(
      graphQLError("The orders query has an invalid field (page.after): see extensions.fieldErrors.", {
        code: "BAD_USER_INPUT",
        fieldErrors: [{ field: "page.after", message: "page.after is not a cursor." }],
      }),
    );
    expect(input.message).not.toMatch(/extensions|page\./);
    expect(input.fieldErrors).toEqual([{ field: "page.after", message: "page.after is not a cursor." }]);
    expect(input.transient).toBe(false);
    expect(describeProblem(graphQLError("Cannot query field", { code: "GRAPHQL_VALIDATION_FAILED" })).message).toMatch(/reload the page/);
    expect(describeProblem(graphQLError("x", { code: "DATABASE_UNAVAILABLE" })).transient).toBe(true);
  });

  it("keeps ORDER_EXISTS in the API's words: they name the Date UUID", () => {
    const message = "An order with Date UUID 0f8f already exists for this user, with different details.";
    expect(describeProblem(graphQLError(message, { code: "ORDER_EXISTS" })).message).toBe(message);
  });

  it("tells a network failure from an offline computer, both worth trying again", () => {
    const network = new CombinedError({ networkError: new TypeError("Failed to fetch") });
    expect(describeProblem(network, true)).toMatchObject({ message: expect.stringMatching(/cannot be reached/), transient: true });
    expect(describeProblem(network, false)).toMatchObject({ message: expect.stringMatching(/offline/), transient: true });
  });
});
