import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { ReadTimeoutError } from "../database/read-timeout.js";
import { CountsBusyError } from "../orders/count-scheduler.js";
import { completeErrors, createFormatError, isCallerError } from "./errors.js";

const format = createFormatError({ production: true });

/** An error as a resolver's failure reaches formatError: wrapped in a GraphQLError at a path. */
function fromResolver(original: Error) {
  const error = new GraphQLError(original.message, { originalError: original, path: ["orders", "totalCount"] });
  return format(error.toJSON(), error);
}

describe("errors from counting", () => {
  it("tells a caller whose count overstayed COUNT_TIMEOUT_MS to narrow the filter (TIMEOUT), as their own error", () => {
    const shaped = fromResolver(new ReadTimeoutError(3_000));
    expect(shaped.extensions).toEqual({ code: "TIMEOUT" });
    expect(shaped.message).toMatch(/longer than 3000 ms.*Narrow the filter.*leave out totalCount/);
    expect(shaped.path).toEqual(["orders", "totalCount"]);
    expect(isCallerError(new GraphQLError("x", { originalError: new ReadTimeoutError(1), path: ["orders"] }), undefined)).toBe(true);
  });

  it("tells a caller with too many counts waiting to ask again when they are done (COUNTS_BUSY)", () => {
    const shaped = fromResolver(new CountsBusyError());
    expect(shaped.extensions).toEqual({ code: "COUNTS_BUSY" });
    expect(shaped.message).toMatch(/still running or waiting/);
    expect(isCallerError(new GraphQLError("x", { originalError: new CountsBusyError(), path: ["orders"] }), undefined)).toBe(true);
  });
});

describe("card numbers in outgoing errors", () => {
  it("are masked in messages and field messages, whoever wrote them", () => {
    const [error] = completeErrors(
      [
        {
          message: 'Variable "$filter" got invalid value "4242-4242-4242-4242" at "filter.userId"; String cannot represent 4242 4242 4242 4242',
          extensions: { code: "BAD_USER_INPUT", fieldErrors: [{ field: "userId", message: "4242424242424242 is not a user" }] },
        },
      ],
      { variables: undefined, operation: undefined, requestId: "r1" },
    );
    const text = JSON.stringify(error);
    expect(text).not.toMatch(/4242[ -]?4242[ -]?4242/);
    expect(error!.extensions?.requestId).toBe("r1");
  });
});
