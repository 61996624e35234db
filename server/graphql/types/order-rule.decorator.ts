import type { ValidationArguments } from "class-validator";
// The one decorator, not the package's index: that loads every validator (and libphonenumber),
// a quarter of a second at start-up. Same module instance and metadata storage as the index's.
import { ValidateBy } from "class-validator/cjs/decorator/common/ValidateBy.js";
import { checkOrderField, type OrderDraft, type OrderField } from "../../core/order-rules.js";

/**
 * Applies the shared order rule for one field through class-validator (type-graphql's
 * `validate: true`), so the input type states its rules without writing them a second time.
 */
export function OrderRule(field: OrderField): PropertyDecorator {
  const problem = (args: ValidationArguments): string | undefined => checkOrderField(field, args.object as OrderDraft);
  return ValidateBy({
    name: `orderRule:${field}`,
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) => (args ? problem(args) === undefined : false),
      defaultMessage: (args?: ValidationArguments) => (args ? (problem(args) ?? "") : `${field} is not valid.`),
    },
  });
}
