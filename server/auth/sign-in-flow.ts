/**
 * Browser sign-in, the backend-for-frontend way: the server runs the OpenID Connect
 * authorization code flow with PKCE, keeps the tokens, and gives the browser only a sealed,
 * HttpOnly session cookie. The browser never sees a token.
 */
import { AUTH_PATHS } from "../core/contracts.js";
import { callerFromClaims } from "./access-tokens.js";
import type { OidcAuthenticator } from "./authenticator.js";
import { cookie, expiredCookie, readCookie, SESSION_COOKIE, SIGN_IN_COOKIE, SIGN_IN_MAX_AGE_SECONDS } from "./cookies.js";
import type { IdentityProvider, PendingSignIn } from "./identity-provider.js";
import { safeReturnPath } from "./return-path.js";
import type { Sealer } from "./sealed.js";
import type { SessionStore } from "./session-store.js";

/** Where the browser goes next, and the cookies to set on the way. */
export interface Redirect {
  location: string;
  cookies: string[];
}

/** A sign-in that cannot complete; the message is for the person in front of the browser. */
export class SignInError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = "SignInError";
  }
}

export interface SignInFlowOptions {
  provider: IdentityProvider;
  sessions: SessionStore;
  authenticator: OidcAuthenticator;
  /** Seals the sign-in state cookie (a purpose of its own). */
  pending: Sealer;
  /** PUBLIC_URL, without a trailing slash. */
  publicUrl: string;
  sessionMaxAgeMs: number;
}

export class SignInFlow {
  constructor(private readonly options: SignInFlowOptions) {}

  get redirectUri(): string {
    return `${this.options.publicUrl}${AUTH_PATHS.callback}`;
  }

  /** GET /auth/login: off to the identity provider, remembering where to come back to. */
  async begin(returnTo: string | undefined): Promise<Redirect> {
    const { url, pending } = await this.options.provider.beginSignIn(this.redirectUri, safeReturnPath(returnTo));
    const sealed = this.options.pending.seal(JSON.stringify({ ...pending, expires: Date.now() + SIGN_IN_MAX_AGE_SECONDS * 1000 }));
    return { location: url.href, cookies: [cookie(SIGN_IN_COOKIE, sealed, SIGN_IN_MAX_AGE_SECONDS)] };
  }

  /** GET /auth/callback: the code exchanged, the ID token checked, a session made; back to where sign-in began. */
  async finish(query: URLSearchParams, cookieHeader: string | undefined): Promise<Redirect> {
    const error = query.get("error");
    if (error) {
      const description = query.get("error_description")?.slice(0, 300);
      throw new SignInError(`The identity provider did not sign you in (${error}${description ? `: ${description}` : ""}).`);
    }
    const pending = this.pendingSignIn(cookieHeader);
    if (!pending) throw new SignInError("This sign-in has expired or was started in another browser. Start it again.");
    const callback = new URL(this.redirectUri);
    callback.search = query.toString();
    let signedIn;
    try {
      signedIn = await this.options.provider.finishSignIn(callback, pending);
    } catch (cause) {
      throw new SignInError("The answer from the identity provider could not be checked. Start the sign-in again.", cause);
    }
    const caller = callerFromClaims(signedIn.claims);
    if (caller.subject === "") throw new SignInError("The identity provider named no user.");
    const id = await this.options.sessions.create({ caller, ...(signedIn.idToken ? { idToken: signedIn.idToken } : {}) });
    return {
      location: pending.returnTo,
      cookies: [
        cookie(SESSION_COOKIE, this.options.authenticator.sealSessionId(id), Math.floor(this.options.sessionMaxAgeMs / 1000)),
        expiredCookie(SIGN_IN_COOKIE),
      ],
    };
  }

  /** POST /auth/logout: this session ended (on every replica), then the identity provider's. */
  async signOut(cookieHeader: string | undefined): Promise<Redirect> {
    const id = this.options.authenticator.sessionIdOf(cookieHeader);
    const ended = id ? await this.options.sessions.end(id) : undefined;
    const home = `${this.options.publicUrl}/`;
    const provider = await this.options.provider.signOutUrl(home, ended?.idToken).catch(() => undefined);
    return { location: provider?.href ?? home, cookies: [expiredCookie(SESSION_COOKIE)] };
  }

  private pendingSignIn(cookieHeader: string | undefined): PendingSignIn | undefined {
    const sealed = readCookie(cookieHeader, SIGN_IN_COOKIE);
    const opened = sealed ? this.options.pending.unseal(sealed) : undefined;
    if (!opened) return undefined;
    const value = JSON.parse(opened) as PendingSignIn & { expires: number };
    return value.expires > Date.now() ? value : undefined;
  }
}
