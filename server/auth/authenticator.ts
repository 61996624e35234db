/**
 * Who is calling, from a request's headers: a bearer access token (tools) or the session cookie
 * (staff in the browser). A request that carries a token is judged by the token alone. With
 * AUTH_MODE=off every request is the local developer's, with every role.
 */
import { type Caller } from "../core/caller.js";
import { ROLES } from "../core/contracts.js";
import { type AccessTokenVerifier, InvalidAccessTokenError } from "./access-tokens.js";
import { readCookie, SESSION_COOKIE } from "./cookies.js";
import type { Sealer } from "./sealed.js";
import type { Session, SessionStore } from "./session-store.js";

export type Authentication =
  | { ok: true; caller: Caller; via: "token" | "off" }
  | { ok: true; caller: Caller; via: "session"; sessionId: string; session: Session }
  /** `bearer`: a token was sent, and refused (the answer says so in WWW-Authenticate). */
  | { ok: false; reason: string; bearer: boolean };

export interface RequestCredentials {
  authorization?: string | undefined;
  cookie?: string | undefined;
}

/** Sign-in is off: the quick start's developer, who may do everything. */
export const LOCAL_DEVELOPER: Caller = { subject: "local-developer", name: "Local developer (sign-in off)", roles: [ROLES.read, ROLES.write] };

export interface Authenticator {
  readonly mode: "oidc" | "off";
  authenticate(credentials: RequestCredentials): Promise<Authentication>;
}

export function signInOff(): Authenticator {
  const off: Authentication = { ok: true, caller: LOCAL_DEVELOPER, via: "off" };
  return { mode: "off", authenticate: async () => off };
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i;

export class OidcAuthenticator implements Authenticator {
  readonly mode = "oidc" as const;

  constructor(
    private readonly tokens: AccessTokenVerifier,
    private readonly sessions: SessionStore,
    private readonly cookies: Sealer,
  ) {}

  /** The session id inside a sealed session cookie, or undefined when there is none or it was not ours. */
  sessionIdOf(cookieHeader: string | undefined): string | undefined {
    const sealed = readCookie(cookieHeader, SESSION_COOKIE);
    return sealed ? this.cookies.unseal(sealed) : undefined;
  }

  sealSessionId(id: string): string {
    return this.cookies.seal(id);
  }

  async authenticate({ authorization, cookie }: RequestCredentials): Promise<Authentication> {
    if (authorization !== undefined) {
      const token = BEARER.exec(authorization.trim())?.[1];
      if (!token) return { ok: false, reason: "the Authorization header must be `Bearer <access token>`", bearer: true };
      try {
        return { ok: true, caller: await this.tokens.verify(token), via: "token" };
      } catch (error) {
        if (error instanceof InvalidAccessTokenError) return { ok: false, reason: error.message, bearer: true };
        throw error;
      }
    }
    const sessionId = this.sessionIdOf(cookie);
    if (sessionId === undefined) return { ok: false, reason: "no session: sign in first", bearer: false };
    const session = await this.sessions.find(sessionId);
    if (!session) return { ok: false, reason: "the session has ended: sign in again", bearer: false };
    return { ok: true, caller: session.caller, via: "session", sessionId, session };
  }
}
