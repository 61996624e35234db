/**
 * Sign-in settings: OpenID Connect against Microsoft Entra ID (or any OpenID provider), or none
 * at all for the embedded quick start. Production refuses to run without sign-in.
 */
import { isIP } from "node:net";
import { AUTH_MODES, type AuthMode, DEFAULT_SESSION_SECRET_NAME, type NodeEnv } from "../core/contracts.js";
import type { EnvReader } from "./env-reader.js";
import { isSecretName, type KeyVaultAccess } from "./key-vault-access.js";

/** How the server proves to the identity provider that it is the app registration. */
export type OidcCredential =
  | { kind: "secret"; secret: string }
  /** AKS workload identity: the pod's projected service-account token as `client_assertion` (no secret anywhere). */
  | { kind: "federated"; tokenFile: string };

export interface OidcSettings {
  /** The issuer, e.g. https://login.microsoftonline.com/<tenant>/v2.0 (discovery is read from it). */
  issuer: string;
  clientId: string;
  /** What an access token's `aud` must be; the client id unless OIDC_AUDIENCE says otherwise. */
  audience: string;
  credential: OidcCredential;
}

/** Where SESSION_SECRET comes from: the environment, or a Key Vault secret read at start-up. */
export type SessionSecretSource = { from: "env"; secret: string } | { from: "keyVault"; keyVault: KeyVaultAccess; secretName: string };

export type AuthConfig =
  | { mode: "off"; allowedHosts: string[]; publicUrl?: string }
  | {
      mode: "oidc";
      oidc: OidcSettings;
      /** The address staff use, without a trailing slash; the redirect URI is PUBLIC_URL/auth/callback. */
      publicUrl: string;
      sessionSecret: SessionSecretSource;
      /** A session unused this long ends; one this old ends whatever its use. */
      session: { idleMs: number; maxAgeMs: number };
      /** Host headers the server answers; others are refused (DNS rebinding). */
      allowedHosts: string[];
    };

const MINUTE = 60_000;
const HOW_TO_SIGN_IN =
  "set AUTH_MODE=oidc with OIDC_ISSUER (https://login.microsoftonline.com/<tenant>/v2.0), OIDC_CLIENT_ID, PUBLIC_URL and SESSION_SECRET (README: Sign-in)";

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";
}

/** PUBLIC_URL without a trailing slash: https (or, outside production, http on this computer). */
function readPublicUrl(read: EnvReader, production: boolean): string | undefined {
  const raw = read.text("PUBLIC_URL");
  if (raw === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    // reported below
  }
  const allowedHttp = !production && url?.protocol === "http:" && isLoopback(url.hostname);
  if (!url || (url.protocol !== "https:" && !allowedHttp) || url.search !== "" || url.hash !== "" || url.username !== "") {
    read.problems.push(
      `PUBLIC_URL must be the https address staff open, such as https://orders.example.com (no query; http only for localhost outside production; got "${raw}")`,
    );
    return undefined;
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

function readAllowedHosts(read: EnvReader, publicUrl: string | undefined): string[] {
  const given = read.list("ALLOWED_HOSTS").map((host) => host.toLowerCase());
  const bad = given.filter((host) => !HOSTNAME.test(host) && isIP(host.replace(/^\[|\]$/g, "")) === 0);
  if (bad.length > 0) {
    read.problems.push(`ALLOWED_HOSTS must list host names or addresses, without scheme or port, such as orders.example.com (not ${bad.map((host) => `"${host}"`).join(", ")})`);
  }
  if (given.length > 0) return given.map((host) => host.replace(/^\[|\]$/g, ""));
  // Browsers on this computer only, unless the staff address says otherwise.
  return publicUrl ? [new URL(publicUrl).hostname.replace(/^\[|\]$/g, "")] : ["localhost", "127.0.0.1", "::1"];
}

function readIssuer(read: EnvReader): string | undefined {
  const raw = read.text("OIDC_ISSUER");
  if (raw === undefined) {
    read.problems.push(`OIDC_ISSUER is required with AUTH_MODE=oidc: for Microsoft Entra ID, https://login.microsoftonline.com/<tenant id>/v2.0`);
    return undefined;
  }
  try {
    const url = new URL(raw);
    if (url.protocol === "https:" && url.search === "" && url.hash === "") return raw.replace(/\/+$/, "");
  } catch {
    // reported below
  }
  read.problems.push(`OIDC_ISSUER must be the identity provider's https issuer URL, such as https://login.microsoftonline.com/<tenant id>/v2.0 (got "${raw}")`);
  return undefined;
}

function readCredential(read: EnvReader): OidcCredential | undefined {
  const secret = read.text("OIDC_CLIENT_SECRET");
  if (secret !== undefined) return { kind: "secret", secret };
  const tokenFile = read.text("AZURE_FEDERATED_TOKEN_FILE");
  if (tokenFile !== undefined) return { kind: "federated", tokenFile };
  read.problems.push(
    "AUTH_MODE=oidc needs the app's credential: on AKS, workload identity (its webhook sets AZURE_FEDERATED_TOKEN_FILE); elsewhere OIDC_CLIENT_SECRET",
  );
  return undefined;
}

function readSessionSecret(read: EnvReader, keyVault: KeyVaultAccess | undefined): SessionSecretSource | undefined {
  const secret = read.text("SESSION_SECRET");
  if (secret !== undefined) {
    if (Buffer.byteLength(secret) < 32) {
      read.problems.push(`SESSION_SECRET must be at least 32 bytes (it has ${Buffer.byteLength(secret)}): make one with \`openssl rand -base64 48\``);
      return undefined;
    }
    return { from: "env", secret };
  }
  const secretName = read.text("KEY_VAULT_SECRET_SESSION") ?? DEFAULT_SESSION_SECRET_NAME;
  if (!isSecretName(secretName)) {
    read.problems.push(`KEY_VAULT_SECRET_SESSION must be a Key Vault secret name (letters, digits and dashes; got "${secretName}")`);
    return undefined;
  }
  if (keyVault) return { from: "keyVault", keyVault, secretName };
  read.problems.push("SESSION_SECRET is required with AUTH_MODE=oidc (at least 32 bytes, e.g. `openssl rand -base64 48`), or KEY_VAULT_URL to read it from Key Vault");
  return undefined;
}

export function readAuthConfig(read: EnvReader, nodeEnv: NodeEnv, keyVault: KeyVaultAccess | undefined): AuthConfig {
  const production = nodeEnv === "production";
  const mode: AuthMode = read.oneOf("AUTH_MODE", AUTH_MODES, production ? "oidc" : "off");
  const publicUrl = readPublicUrl(read, production);
  const allowedHosts = readAllowedHosts(read, publicUrl);
  if (mode === "off") {
    if (production) read.problems.push(`AUTH_MODE=off is for development only and would open every order to anyone who reaches the port: ${HOW_TO_SIGN_IN}`);
    return { mode, allowedHosts, ...(publicUrl ? { publicUrl } : {}) };
  }
  if (publicUrl === undefined && read.text("PUBLIC_URL") === undefined) {
    read.problems.push("PUBLIC_URL is required with AUTH_MODE=oidc: the address staff open, such as https://orders.example.com (the redirect URI is PUBLIC_URL/auth/callback)");
  }
  const issuer = readIssuer(read);
  const clientId = read.text("OIDC_CLIENT_ID");
  if (clientId === undefined) read.problems.push("OIDC_CLIENT_ID is required with AUTH_MODE=oidc: the app registration's application (client) id");
  const credential = readCredential(read);
  const sessionSecret = readSessionSecret(read, keyVault);
  const idleMs = read.int("SESSION_IDLE_MINUTES", 30, 1, 24 * 60) * MINUTE;
  const maxAgeMs = read.int("SESSION_MAX_HOURS", 12, 1, 7 * 24) * 60 * MINUTE;
  if (idleMs > maxAgeMs) read.problems.push("SESSION_IDLE_MINUTES must not be longer than SESSION_MAX_HOURS");
  return {
    mode,
    oidc: {
      issuer: issuer ?? "https://invalid.example/",
      clientId: clientId ?? "",
      audience: read.text("OIDC_AUDIENCE") ?? clientId ?? "",
      credential: credential ?? { kind: "secret", secret: "" },
    },
    publicUrl: publicUrl ?? "https://invalid.example",
    sessionSecret: sessionSecret ?? { from: "env", secret: "" },
    session: { idleMs, maxAgeMs },
    allowedHosts,
  };
}
