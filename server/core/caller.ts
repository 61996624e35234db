import { ROLES, type Role } from "./contracts.js";

/**
 * Who is asking: a member of staff signed in through the browser, or a tool with an access
 * token. The subject is the identity provider's stable id for them (Entra's object id); the
 * name is for people to read (who added an order); the roles come from the token.
 */
export interface Caller {
  subject: string;
  name: string;
  roles: readonly Role[];
}

const KNOWN_ROLES: readonly string[] = Object.values(ROLES);

/** The app roles in a token's `roles` claim; anything else in it (other apps' roles, junk) is ignored. */
export function rolesFrom(claim: unknown): Role[] {
  if (!Array.isArray(claim)) return [];
  return [...new Set(claim.filter((role): role is Role => typeof role === "string" && KNOWN_ROLES.includes(role)))];
}

/** Orders.Read lists and reads orders (and exports them); Orders.Write also adds them, and so reads too. */
export function canRead(caller: Caller): boolean {
  return caller.roles.includes(ROLES.read) || caller.roles.includes(ROLES.write);
}

export function canWrite(caller: Caller): boolean {
  return caller.roles.includes(ROLES.write);
}
