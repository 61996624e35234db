/**
 * Part of the composition root: sign-in wired from the configuration. With AUTH_MODE=off every
 * caller is the local developer; with oidc, sessions in the database, tokens checked against
 * the identity provider, the browser's sign-in flow.
 */
import { AccessTokenVerifier } from "./auth/access-tokens.js";
import { OidcAuthenticator, signInOff } from "./auth/authenticator.js";
import { IdentityProvider } from "./auth/identity-provider.js";
import { Sealer } from "./auth/sealed.js";
import { SessionStore } from "./auth/session-store.js";
import { SignInFlow } from "./auth/sign-in-flow.js";
import type { AuthConfig } from "./config/config.js";
import type { KeyVaultDependencies } from "./config/key-vault.js";
import type { Database } from "./database/database.js";
import type { AppDependencies } from "./http/app.js";
import type { Logger } from "./logging/logger.js";

/** Ended sessions are deleted this often (they are refused as soon as they end either way). */
const SWEEP_EVERY_MS = 10 * 60_000;

export interface WiredAccess {
  access: AppDependencies["access"];
  stop(): void;
}

export async function wireAccess(auth: AuthConfig, database: Database, keyVault: KeyVaultDependencies): Promise<WiredAccess> {
  const { logger } = keyVault;
  if (auth.mode === "off") {
    logger.warn(
      { allowedHosts: auth.allowedHosts },
      "sign-in is off (AUTH_MODE=off): anyone who reaches this port reads and adds orders; for development only",
    );
    return { access: { authenticator: signInOff(), allowedHosts: auth.allowedHosts, ...(auth.publicUrl ? { publicUrl: auth.publicUrl } : {}) }, stop: () => undefined };
  }
  const secret = auth.sessionSecret.from === "env" ? auth.sessionSecret.secret : await sessionSecretFromKeyVault(auth, keyVault);
  const provider = new IdentityProvider(auth.oidc);
  const sessions = new SessionStore(database, auth.session, new Sealer(secret, "id-token"));
  const authenticator = new OidcAuthenticator(new AccessTokenVerifier(provider, auth.oidc.audience), sessions, new Sealer(secret, "session-cookie"));
  const signIn = new SignInFlow({ provider, sessions, authenticator, pending: new Sealer(secret, "sign-in"), publicUrl: auth.publicUrl, sessionMaxAgeMs: auth.session.maxAgeMs });
  // Discovery now, in the background, so that the first sign-in does not wait for it (a failure is tried again then).
  provider.configuration().catch((error: unknown) => logger.warn({ err: { message: (error as Error).message } }, "identity provider not reachable yet"));
  const sweep = setInterval(() => sessions.sweep().catch((error: unknown) => logWarning(logger, error)), SWEEP_EVERY_MS);
  sweep.unref();
  logger.info({ issuer: auth.oidc.issuer, publicUrl: auth.publicUrl, credential: auth.oidc.credential.kind }, "sign-in with OpenID Connect");
  return {
    access: { authenticator, signIn, allowedHosts: auth.allowedHosts, publicUrl: auth.publicUrl },
    stop: () => clearInterval(sweep),
  };
}

async function sessionSecretFromKeyVault(auth: Extract<AuthConfig, { mode: "oidc" }>, deps: KeyVaultDependencies): Promise<string> {
  if (auth.sessionSecret.from !== "keyVault") throw new Error("unreachable");
  // The Azure SDK is loaded only when used (about half a second).
  const { readSessionSecret } = await import("./config/key-vault.js");
  return readSessionSecret(auth.sessionSecret.keyVault, auth.sessionSecret.secretName, deps);
}

function logWarning(logger: Logger, error: unknown): void {
  logger.warn({ err: { message: (error as Error).message } }, "deleting ended sessions failed");
}
