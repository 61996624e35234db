/**
 * Azure SQL settings from Key Vault, through the real @azure/keyvault-secrets client, against a
 * local HTTPS stand-in for the vault (Azure cannot run here). Each failure must name the vault,
 * the secret and the cause, and no secret value may reach an error or a log line.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TokenCredential } from "@azure/core-auth";
import { AuthenticationError } from "@azure/identity";
import { createServer } from "node:net";
import { loadConfig, type KeyVaultSource } from "../../server/config/config.js";
import { KeyVaultError, readKeyVaultSettings } from "../../server/config/key-vault.js";
import { createTestDatabase } from "../support/databases.js";
import { captureLogs } from "../support/log-capture.js";
import { startKeyVaultStandIn, testCredential, type KeyVaultStandIn } from "../support/key-vault-stand-in.js";
import { TEST_SECRETS } from "../support/secrets.js";
import { runNode } from "../support/server-process.js";
import { startTestServer } from "../support/test-server.js";

const PASSWORD = TEST_SECRETS.keyVaultPassword;
const USERNAME = TEST_SECRETS.keyVaultUsername;

let vault: KeyVaultStandIn;
beforeAll(async () => {
  vault = await startKeyVaultStandIn();
});
afterAll(async () => {
  await vault.close();
});
afterEach(() => vault.reset());

function fill(): void {
  vault.secrets.set("server-name", { kind: "value", value: "orders-sql.database.windows.net" });
  vault.secrets.set("database-name", { kind: "value", value: "orders" });
  vault.secrets.set("server-username", { kind: "value", value: USERNAME });
  vault.secrets.set("server-password", { kind: "value", value: PASSWORD });
}

function source(env: Record<string, string> = {}): KeyVaultSource {
  const config = loadConfig({ KEY_VAULT_URL: vault.url, KEY_VAULT_TIMEOUT_MS: "3000", ...env });
  if (config.database.from !== "KEY_VAULT_URL") throw new Error("expected the Key Vault source");
  // The stand-in listens on localhost, which is not a vault.azure.net host.
  return { ...config.database.keyVault, vaultUrl: vault.url };
}

async function read(env: Record<string, string> = {}, credential: TokenCredential = testCredential) {
  const logs = captureLogs();
  const result = readKeyVaultSettings(source(env), {
    logger: logs.logger,
    credential,
    clientOptions: { tlsOptions: { ca: vault.ca }, disableChallengeResourceVerification: true },
  });
  return { result, logs };
}

async function failure(env: Record<string, string> = {}, credential?: TokenCredential): Promise<KeyVaultError> {
  const { result } = await read(env, credential);
  const error = await result.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(KeyVaultError);
  const message = (error as KeyVaultError).message;
  expect(message).toContain(vault.url);
  expect(message).not.toContain(PASSWORD);
  expect(message).not.toContain(USERNAME);
  return error as KeyVaultError;
}

describe("Azure SQL settings from Key Vault", () => {
  it("reads the four secrets in parallel and builds the SQL Server settings", async () => {
    fill();
    const { result, logs } = await read();
    expect(await result).toEqual({
      kind: "mssql",
      server: "orders-sql.database.windows.net",
      port: 1433,
      database: "orders",
      auth: { type: "sql", user: USERNAME, password: PASSWORD },
      encrypt: true,
      trustServerCertificate: false,
    });
    const fetched = vault.requests.filter((request) => request.authorized).map((request) => request.path).sort();
    expect(fetched).toEqual(["/secrets/database-name/", "/secrets/server-name/", "/secrets/server-password/", "/secrets/server-username/"].sort());
    expect(logs.text()).toContain("read the Azure SQL settings from Key Vault");
    expect(logs.text()).not.toContain(PASSWORD);
    expect(logs.text()).not.toContain(USERNAME);
  });

  it("fetches only server and database with DB_AUTH=entra: no password exists", async () => {
    fill();
    const { result } = await read({ DB_AUTH: "entra", AZURE_CLIENT_ID: "11111111-1111-1111-1111-111111111111" });
    expect(await result).toMatchObject({ auth: { type: "entra", clientId: "11111111-1111-1111-1111-111111111111" } });
    expect(vault.requests.some((request) => request.path.includes("server-password") || request.path.includes("server-username"))).toBe(false);
  });

  it("takes a value from DB_* over its secret, and then does not fetch it", async () => {
    fill();
    const { result } = await read({ DB_SERVER: "from-env.database.windows.net", KEY_VAULT_SECRET_DATABASE: "renamed-database" });
    vault.secrets.set("renamed-database", { kind: "value", value: "orders_renamed" });
    expect(await result).toMatchObject({ server: "from-env.database.windows.net", database: "orders_renamed" });
    expect(vault.requests.some((request) => request.path.includes("server-name"))).toBe(false);
  });

  it("waits out throttling (429) and server errors (5xx) with backoff", async () => {
    fill();
    vault.secrets.set("server-password", { kind: "throttled", times: 2, value: PASSWORD });
    vault.secrets.set("database-name", { kind: "failing", times: 2, value: "orders" });
    const { result } = await read();
    expect(await result).toMatchObject({ database: "orders", auth: { password: PASSWORD } });
    expect(vault.requests.filter((request) => request.authorized && request.path.includes("server-password"))).toHaveLength(3);
    expect(vault.requests.filter((request) => request.authorized && request.path.includes("database-name"))).toHaveLength(3);
  });

  it("names a missing secret, and how to mend it", async () => {
    fill();
    vault.secrets.delete("database-name");
    const error = await failure();
    expect(error.problems).toEqual([expect.stringMatching(/^secret "database-name" \(database\): no such secret in this vault: create it, or name the right one with KEY_VAULT_SECRET_\*/)]);
  });

  it("names the secret the identity may not read, and the role it needs", async () => {
    fill();
    vault.secrets.set("server-password", { kind: "forbidden" });
    const error = await failure();
    expect(error.problems).toEqual([expect.stringMatching(/secret "server-password".*access refused \(403\).*Key Vault Secrets User/)]);
  });

  it("names a credential that cannot sign in", async () => {
    fill();
    const refusing: TokenCredential = {
      async getToken() {
        throw new AuthenticationError(401, { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret provided." });
      },
    };
    const error = await failure({}, refusing);
    expect(error.problems).toHaveLength(4);
    expect(error.message).toMatch(/no Azure credential could sign in \(AZURE_CREDENTIAL=default\)/);
  });

  it("gives up on a vault that does not answer, within the timeout", async () => {
    fill();
    vault.secrets.set("server-name", { kind: "hanging" });
    const started = Date.now();
    const error = await failure({ KEY_VAULT_TIMEOUT_MS: "800" });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error.problems).toEqual([expect.stringMatching(/secret "server-name" \(server\): the vault did not answer within 800 ms \(KEY_VAULT_TIMEOUT_MS\)/)]);
  });

  it("says when the vault cannot be reached at all", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const logs = captureLogs();
    const error = await readKeyVaultSettings(
      { ...source(), vaultUrl: `https://127.0.0.1:${port}/`, timeoutMs: 3_000 },
      { logger: logs.logger, credential: testCredential, clientOptions: { retryOptions: { maxRetries: 1, retryDelayInMs: 10 } } },
    ).catch((caught: unknown) => caught as KeyVaultError);
    expect(error).toBeInstanceOf(KeyVaultError);
    expect((error as KeyVaultError).message).toMatch(/cannot be reached \(ECONNREFUSED\)/);
  });
});

describe("start-up with Key Vault", () => {
  it("stops with one message naming the vault and each secret, exit code 1, no value shown", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const run = runNode("dist/server/main.js", [], {
      KEY_VAULT_URL: `https://127.0.0.1:${port}/`,
      KEY_VAULT_TIMEOUT_MS: "2000",
      DB_USERNAME: USERNAME,
      AZURE_CREDENTIAL: "cli",
    });
    expect(await run.exited).toBe(1);
    const output = run.output();
    expect(output).toMatch(new RegExp(`Cannot read the Azure SQL settings from Key Vault https://127.0.0.1:${port}/`));
    for (const secret of ["server-name", "database-name", "server-password"]) expect(output).toContain(`secret "${secret}"`);
    expect(output).not.toContain('secret "server-username"');
    expect(output).not.toContain(USERNAME);
  });

  it("never asks the vault when DATABASE_URL is set (precedence)", async () => {
    fill();
    const db = await createTestDatabase("sqlite");
    const server = await startTestServer(db.url, { KEY_VAULT_URL: vault.url, DB_SERVER: "ignored.database.windows.net" });
    try {
      expect(server.running.database.settings.kind).toBe("sqlite");
      expect(vault.requests).toEqual([]);
    } finally {
      await server.stop();
      await db.drop();
    }
  });
});
