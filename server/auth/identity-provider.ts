/**
 * The identity provider (Microsoft Entra ID, or any OpenID provider), as openid-client sees it:
 * discovery (read when first needed, cached, tried again after a failure), the authorization
 * code flow with PKCE, and the end-session address. The server authenticates as the app
 * registration with a client secret, or on AKS with the pod's federated service-account token.
 */
import { readFileSync } from "node:fs";
import * as oidc from "openid-client";
import type { OidcCredential, OidcSettings } from "../config/auth-config.js";

export class IdentityProviderUnavailableError extends Error {
  constructor(issuer: string, cause: unknown) {
    super(`The identity provider ${issuer} cannot be reached: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = "IdentityProviderUnavailableError";
  }
}

/** A sign-in under way: what the callback must find again (kept in a sealed cookie). */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

export interface SignedIn {
  claims: Record<string, unknown>;
  idToken?: string;
}

/**
 * The workload identity's projected token as `client_assertion` (RFC 7523): Entra trusts it
 * through the app's federated credential. Read on every use: the kubelet rotates the file.
 */
function federatedAssertion(tokenFile: string): oidc.ClientAuth {
  return (_server, client, body) => {
    body.set("client_id", client.client_id);
    body.set("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    body.set("client_assertion", readFileSync(tokenFile, "utf8").trim());
  };
}

function clientAuthentication(credential: OidcCredential): oidc.ClientAuth {
  return credential.kind === "secret" ? oidc.ClientSecretPost(credential.secret) : federatedAssertion(credential.tokenFile);
}

export class IdentityProvider {
  private discovered?: Promise<oidc.Configuration>;

  constructor(private readonly settings: OidcSettings) {}

  get issuer(): string {
    return this.settings.issuer;
  }

  /** The provider's configuration, discovered once; a failed discovery is tried again on the next call. */
  configuration(): Promise<oidc.Configuration> {
    return (this.discovered ??= oidc
      .discovery(new URL(this.settings.issuer), this.settings.clientId, undefined, clientAuthentication(this.settings.credential), {
        timeout: 10,
      })
      .catch((error: unknown) => {
        this.discovered = undefined;
        throw new IdentityProviderUnavailableError(this.settings.issuer, error);
      }));
  }

  /** Starts a sign-in: where to send the browser, and what its return must match. */
  async beginSignIn(redirectUri: string, returnTo: string): Promise<{ url: URL; pending: PendingSignIn }> {
    const configuration = await this.configuration();
    const pending: PendingSignIn = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      returnTo,
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: "openid profile",
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: "S256",
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /** Completes a sign-in from the callback's URL: the code exchanged (with the PKCE verifier), the ID token checked. */
  async finishSignIn(callbackUrl: URL, pending: PendingSignIn): Promise<SignedIn> {
    const configuration = await this.configuration();
    const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    return { claims: { ...tokens.claims() }, ...(tokens.id_token ? { idToken: tokens.id_token } : {}) };
  }

  /** Where to send the browser to end its session at the provider too, or undefined when the provider has no such endpoint. */
  async signOutUrl(postLogoutRedirectUri: string, idTokenHint: string | undefined): Promise<URL | undefined> {
    const configuration = await this.configuration();
    if (!configuration.serverMetadata().end_session_endpoint) return undefined;
    return oidc.buildEndSessionUrl(configuration, {
      post_logout_redirect_uri: postLogoutRedirectUri,
      client_id: this.settings.clientId,
      ...(idTokenHint ? { id_token_hint: idTokenHint } : {}),
    });
  }

  /** The address of the provider's signing keys, from discovery. */
  async jwksUri(): Promise<URL> {
    const uri = (await this.configuration()).serverMetadata().jwks_uri;
    if (!uri) throw new IdentityProviderUnavailableError(this.settings.issuer, new Error("its discovery document names no jwks_uri"));
    return new URL(uri);
  }
}
