import { GraphQLError } from "graphql";
import type { AuthChecker } from "type-graphql";
import { canRead, canWrite } from "../core/caller.js";
import { ROLES } from "../core/contracts.js";
import type { GraphQLContext } from "./context.js";
import { ErrorCode } from "./errors.js";

/**
 * Roles on the API's fields (`@Authorized(ROLES.write)`): the caller is already known (a request
 * without one never reaches GraphQL: 401); one without the role gets FORBIDDEN and HTTP 403.
 */
export const authChecker: AuthChecker<GraphQLContext> = ({ context }, roles) => {
  for (const role of roles) {
    const allowed = role === ROLES.write ? canWrite(context.caller) : canRead(context.caller);
    if (!allowed) {
      const what = role === ROLES.write ? "Adding orders" : "Reading orders";
      throw new GraphQLError(`${what} needs the ${role} role, which ${context.caller.name} does not have: ask whoever manages Orders' access to grant it.`, {
        extensions: { code: ErrorCode.forbidden, http: { status: 403 } },
      });
    }
  }
  return true;
};
