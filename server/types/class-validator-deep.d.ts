// The single-decorator module imported by orders/types/order-rule.decorator.ts (the package
// exports no types for its deep paths; these are the index's own).
declare module "class-validator/cjs/decorator/common/ValidateBy.js" {
  export { ValidateBy } from "class-validator";
}
