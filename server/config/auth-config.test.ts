import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join("\n");
    throw error;
  }
  return "";
}

const SIGN_IN = {
  AUTH_MODE: "oidc",
  OIDC_ISSUER: "https://login.microsoftonline.com/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/v2.0/",
  OIDC_CLIENT_ID: "99999999-8888-7777-6666-555555555555",
  OIDC_CLIENT_SECRET: "a-client-secret",
  PUBLIC_URL: "https://orders.example.com/",
  SESSION_SECRET: "x".repeat(32),
};

describe("sign-in settings", () => {
  it("are off by default outside production, for the quick start; browsers on this computer only", () => {
    expect(loadConfig({}).auth).toEqual({ mode: "off", allowedHosts: ["localhost", "127.0.0.1", "::1"] });
  });

  it("refuse to run production without sign-in, saying how to configure it", () => {
    expect(problems({ NODE_ENV: "production", AUTH_MODE: "off" })).toMatch(/AUTH_MODE=off is for development only.*set AUTH_MODE=oidc with OIDC_ISSUER/);
    // Production's default is sign-in: without its settings, each missing one is named.
    const missing = problems({ NODE_ENV: "production" });
    for (const name of ["PUBLIC_URL", "OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "SESSION_SECRET"]) expect(missing).toContain(name);
  });

  it("read OpenID Connect with a client secret; the audience is the client id unless set", () => {
    const { auth } = loadConfig(SIGN_IN);
    expect(auth).toEqual({
      mode: "oidc",
      oidc: {
        issuer: "https://login.microsoftonline.com/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/v2.0",
        clientId: SIGN_IN.OIDC_CLIENT_ID,
        audience: SIGN_IN.OIDC_CLIENT_ID,
        credential: { kind: "secret", secret: "a-client-secret" },
      },
      publicUrl: "https://orders.example.com",
      sessionSecret: { from: "env", secret: SIGN_IN.SESSION_SECRET },
      session: { idleMs: 30 * 60_000, maxAgeMs: 12 * 3_600_000 },
      allowedHosts: ["orders.example.com"],
    });
    expect(loadConfig({ ...SIGN_IN, OIDC_AUDIENCE: "api://orders" }).auth).toMatchObject({ oidc: { audience: "api://orders" } });
  });

  it("on AKS, use the workload identity's federated token and read the session secret from Key Vault", () => {
    const { OIDC_CLIENT_SECRET: _secret, SESSION_SECRET: _session, ...aks } = SIGN_IN;
    const { auth } = loadConfig({ ...aks, NODE_ENV: "production", AZURE_FEDERATED_TOKEN_FILE: "/var/run/secrets/azure/tokens/azure-identity-token", KEY_VAULT_URL: "https://kv-orders.vault.azure.net" });
    expect(auth).toMatchObject({
      oidc: { credential: { kind: "federated", tokenFile: "/var/run/secrets/azure/tokens/azure-identity-token" } },
      sessionSecret: { from: "keyVault", secretName: "session-secret", keyVault: { vaultUrl: "https://kv-orders.vault.azure.net/", credential: "default" } },
    });
  });

  it.each([
    [{ SESSION_SECRET: "too short" }, /SESSION_SECRET must be at least 32 bytes \(it has 9\)/],
    [{ PUBLIC_URL: "orders.example.com" }, /PUBLIC_URL must be the https address staff open/],
    [{ OIDC_ISSUER: "http://login.example.com" }, /OIDC_ISSUER must be the identity provider's https issuer URL/],
    [{ SESSION_IDLE_MINUTES: "600", SESSION_MAX_HOURS: "2" }, /SESSION_IDLE_MINUTES must not be longer than SESSION_MAX_HOURS/],
    [{ ALLOWED_HOSTS: "https://orders.example.com/" }, /ALLOWED_HOSTS must list host names or addresses, without scheme or port/],
    [{ AUTH_MODE: "basic" }, /AUTH_MODE must be one of oidc, off/],
  ])("explain a bad setting: %j", (env, message) => {
    expect(problems({ ...SIGN_IN, ...env })).toMatch(message);
  });

  it("take http only for this computer, and only outside production", () => {
    expect(loadConfig({ ...SIGN_IN, PUBLIC_URL: "http://localhost:5000" }).auth).toMatchObject({ publicUrl: "http://localhost:5000", allowedHosts: ["localhost"] });
    expect(problems({ ...SIGN_IN, NODE_ENV: "production", PUBLIC_URL: "http://localhost:5000" })).toMatch(/PUBLIC_URL must be the https address/);
    expect(problems({ ...SIGN_IN, PUBLIC_URL: "http://orders.example.com" })).toMatch(/PUBLIC_URL must be the https address/);
  });

  it("answer the hosts ALLOWED_HOSTS lists, else PUBLIC_URL's", () => {
    expect(loadConfig({ ...SIGN_IN, ALLOWED_HOSTS: "Orders.Example.com, orders-internal.example.com" }).auth.allowedHosts).toEqual([
      "orders.example.com",
      "orders-internal.example.com",
    ]);
  });
});
