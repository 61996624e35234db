import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("loadConfig", () => {
  it("has defaults that run the embedded database on port 5000", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 5000, nodeEnv: "development", seedDemo: true, logLevel: "info" });
    expect(config.database).toEqual({ from: "default", settings: { kind: "sqlite", file: "data/orders.sqlite" } });
  });

  it("lists every problem at once, naming the variable and the value", () => {
    const found = problems({ PORT: "eighty", LOG_LEVEL: "loud", SEED_DEMO: "maybe", DATABASE_URL: "mysql://x/y", SHUTDOWN_TIMEOUT_MS: "-1" });
    expect(found).toHaveLength(5);
    expect(found.join("\n")).toMatch(/PORT must be a whole number from 0 to 65535 \(got "eighty"\)/);
    expect(found.join("\n")).toMatch(/LOG_LEVEL must be one of/);
    expect(found.join("\n")).toMatch(/SEED_DEMO must be true or false/);
    expect(found.join("\n")).toMatch(/DATABASE_URL must start with sqlite:, postgres:\/\/ or mssql:\/\//);
    expect(new ConfigError(found).message).toMatch(/5 problems/);
  });

  it("takes DATABASE_URL first, then the old app's DB_* variables, then Key Vault", () => {
    const db = { DB_SERVER: "old.database.windows.net", DB_DATABASE: "orders", DB_USERNAME: "app", DB_PASSWORD: "s3cret!" };
    const vault = { KEY_VAULT_URL: "https://orders-kv.vault.azure.net" };
    expect(loadConfig({ DATABASE_URL: "sqlite:x.db", ...db, ...vault }).database.from).toBe("DATABASE_URL");
    const fromDb = loadConfig({ ...db, ...vault }).database;
    expect(fromDb).toEqual({
      from: "DB_*",
      settings: {
        kind: "mssql",
        server: "old.database.windows.net",
        port: 1433,
        database: "orders",
        auth: { type: "sql", user: "app", password: "s3cret!" },
        encrypt: true,
        trustServerCertificate: false,
      },
    });
    const fromVault = loadConfig({ ...vault, DB_SERVER: "given.database.windows.net" }).database;
    expect(fromVault).toMatchObject({
      from: "KEY_VAULT_URL",
      keyVault: {
        vaultUrl: "https://orders-kv.vault.azure.net/",
        given: { server: "given.database.windows.net" },
        secretNames: { server: "server-name", database: "database-name", username: "server-username", password: "server-password" },
        credential: "default",
        auth: "sql",
      },
    });
  });

  it("needs no password with DB_AUTH=entra", () => {
    const config = loadConfig({ DB_SERVER: "s.database.windows.net", DB_DATABASE: "orders", DB_AUTH: "entra", AZURE_CLIENT_ID: "11111111-2222-3333-4444-555555555555" });
    expect(config.database).toMatchObject({ from: "DB_*", settings: { auth: { type: "entra", clientId: "11111111-2222-3333-4444-555555555555" } } });
  });

  it("says what is missing from incomplete DB_* settings, without repeating the password", () => {
    const found = problems({ DB_SERVER: "s.database.windows.net", DB_PASSWORD: "hunter2-secret" });
    expect(found).toEqual([expect.stringMatching(/set DB_DATABASE, DB_USERNAME .*DB_AUTH=entra.*KEY_VAULT_URL/)]);
    expect(found.join()).not.toContain("hunter2-secret");
  });

  it("reads TRUST_PROXY as off, a number of proxies, or their addresses, and never as 'believe everyone'", () => {
    expect(loadConfig({ TRUST_PROXY: "off" }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.0/8, 192.168.1.7, ::1" }).trustProxy).toEqual(["10.0.0.0/8", "192.168.1.7", "::1"]);
    expect(problems({ TRUST_PROXY: "cafe, 10.0.0.0/33" })).toEqual([
      'TRUST_PROXY must be false, a number of proxies, or their addresses/CIDRs such as 10.0.0.0/8 (not "cafe", "10.0.0.0/33")',
    ]);
    for (const env of [{}, { NODE_ENV: "production" }] as Array<Record<string, string>>) {
      expect(problems({ ...env, TRUST_PROXY: "true" }).join("\n")).toMatch(/TRUST_PROXY=true would believe any client's X-Forwarded-For: give the number of proxies/);
    }
  });

  it("checks Key Vault settings", () => {
    const found = problems({ KEY_VAULT_URL: "http://kv.example", KEY_VAULT_SECRET_PASSWORD: "no spaces allowed", AZURE_CREDENTIAL: "guess" });
    expect(found.join("\n")).toMatch(/KEY_VAULT_URL must be an https URL/);
    expect(found.join("\n")).toMatch(/KEY_VAULT_SECRET_PASSWORD must be a Key Vault secret name/);
    expect(found.join("\n")).toMatch(/AZURE_CREDENTIAL must be one of default, workload, managed, cli/);
  });
});
