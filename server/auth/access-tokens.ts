/**
 * Bearer access tokens for tools: a JWT checked against the issuer's published keys (from
 * discovery; jose caches them and fetches them again for an unknown `kid`). Only asymmetric
 * signatures count, never `none` or a shared secret; `iss`, `aud`, `exp` and `nbf` are checked
 * with a small allowance for clock skew. A checked token is remembered until it expires (at most
 * a few minutes), so a tool's steady stream of requests costs one signature check.
 */
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from "jose";
import { type Caller, rolesFrom } from "../core/caller.js";
import { type IdentityProvider, IdentityProviderUnavailableError } from "./identity-provider.js";

/** Signature algorithms of public-key cryptography: a token signed any other way is refused. */
const ASYMMETRIC_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];
const CLOCK_SKEW_SECONDS = 60;
const REMEMBER_AT_MOST_MS = 5 * 60_000;
const REMEMBERED_TOKENS = 1_000;

export class InvalidAccessTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "InvalidAccessTokenError";
  }
}

/** Who a token speaks for: Entra's object id (stable across apps) when present, else `sub`. */
export function callerFromClaims(claims: JWTPayload & Record<string, unknown>): Caller {
  const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);
  const subject = text(claims.oid) ?? text(claims.sub) ?? "";
  const name = text(claims.name) ?? text(claims.preferred_username) ?? text(claims.app_displayname) ?? text(claims.azp) ?? subject;
  return { subject, name, roles: rolesFrom(claims.roles) };
}

export class AccessTokenVerifier {
  private keys?: ReturnType<typeof createRemoteJWKSet>;
  private readonly remembered = new Map<string, { caller: Caller; until: number }>();

  constructor(
    private readonly provider: IdentityProvider,
    private readonly audience: string,
    private readonly now: () => number = Date.now,
  ) {}

  async verify(token: string): Promise<Caller> {
    const known = this.remembered.get(token);
    if (known && known.until > this.now()) return known.caller;
    this.keys ??= createRemoteJWKSet(await this.provider.jwksUri());
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.provider.issuer,
        audience: this.audience,
        algorithms: ASYMMETRIC_ALGORITHMS,
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ["exp", "iss", "aud", "sub"],
        currentDate: new Date(this.now()),
      }));
    } catch (error) {
      // The keys could not be fetched: the provider's fault, not the token's.
      if ((error as { code?: string }).code === "ERR_JWKS_TIMEOUT" || error instanceof TypeError) {
        throw new IdentityProviderUnavailableError(this.provider.issuer, error);
      }
      throw new InvalidAccessTokenError(reasonOf(error));
    }
    const caller = callerFromClaims(payload as JWTPayload & Record<string, unknown>);
    if (caller.subject === "") throw new InvalidAccessTokenError("the token names no subject");
    this.remember(token, caller, payload.exp! * 1000);
    return caller;
  }

  private remember(token: string, caller: Caller, expiresAt: number): void {
    if (this.remembered.size >= REMEMBERED_TOKENS) {
      for (const [key, entry] of this.remembered) if (entry.until <= this.now()) this.remembered.delete(key);
      if (this.remembered.size >= REMEMBERED_TOKENS) this.remembered.delete(this.remembered.keys().next().value!);
    }
    this.remembered.set(token, { caller, until: Math.min(expiresAt, this.now() + REMEMBER_AT_MOST_MS) });
  }
}

/** Why a token was refused, in words that name no part of it. */
function reasonOf(error: unknown): string {
  switch ((error as { code?: string }).code) {
    case "ERR_JWT_EXPIRED":
      return "the token has expired";
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      return `the token's ${(error as { claim?: string }).claim ?? "claims"} claim is not accepted here`;
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return "the token's signature does not verify";
    case "ERR_JWKS_NO_MATCHING_KEY":
      return "the token was not signed by one of the issuer's keys";
    case "ERR_JOSE_ALG_NOT_ALLOWED":
      return "the token's signature algorithm is not accepted";
    case "ERR_JWS_INVALID":
    case "ERR_JWT_INVALID":
      return "the token is not a well-formed signed JWT";
    default:
      return "the token could not be verified";
  }
}
