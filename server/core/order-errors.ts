/**
 * Errors a caller can mend, raised by the orders domain. The GraphQL layer turns them into
 * `extensions.code` and a per-field list; nothing here knows about GraphQL.
 */

/** A message about one input field, by its path in the request (`cardNumber`, `page.first`). */
export interface InputFieldError {
  field: string;
  message: string;
}

/** Input that breaks a rule: code BAD_USER_INPUT. */
export class InvalidInputError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: InputFieldError[],
  ) {
    super(message);
    this.name = "InvalidInputError";
  }

  static forFields(what: string, fieldErrors: InputFieldError[]): InvalidInputError {
    const fields = [...new Set(fieldErrors.map((error) => error.field))];
    return new InvalidInputError(
      `${what} ${fields.length === 1 ? "has an invalid field" : `has ${fields.length} invalid fields`} (${fields.join(", ")}): see extensions.fieldErrors.`,
      fieldErrors,
    );
  }
}

/** Another order already has this key: code ORDER_EXISTS. */
export class OrderExistsError extends Error {
  readonly fieldErrors: InputFieldError[];
  constructor(readonly dateUuid: string) {
    super(
      `An order with Date UUID ${dateUuid} already exists for this user, with different details. ` +
        "Leave Date UUID empty to have a new one made, or use another.",
    );
    this.name = "OrderExistsError";
    this.fieldErrors = [{ field: "dateUuid", message: "An order with this Date UUID already exists for this user." }];
  }
}
