/**
 * Where the orders live, as configured. Precedence: DATABASE_URL, then the old app's DB_*
 * variables, then Key Vault (completed at start-up, see key-vault.ts); with none of them, the
 * embedded SQLite file.
 */
import {
  DB_AUTH_MODES,
  type DbAuthMode,
  DEFAULT_SECRET_NAMES,
  type EnvVariable,
  type SecretKey,
} from "../core/contracts.js";
import {
  DEFAULT_MSSQL_PORT,
  DEFAULT_SQLITE_FILE,
  type DatabaseSettings,
  entraAuth,
  type MssqlAuth,
  parseDatabaseUrl,
} from "./database-url.js";
import type { EnvReader } from "./env-reader.js";
import { isSecretName, type KeyVaultAccess } from "./key-vault-access.js";

/** Azure SQL settings to be completed from Key Vault at start-up. */
export interface KeyVaultSource extends KeyVaultAccess {
  secretNames: Record<SecretKey, string>;
  /** Values the environment already gives (DB_*): these win, and are not fetched. */
  given: Partial<Record<SecretKey, string>>;
  port: number;
  auth: DbAuthMode;
}

export type DatabaseSource =
  | { from: "DATABASE_URL" | "DB_*" | "default"; settings: DatabaseSettings }
  | { from: "KEY_VAULT_URL"; keyVault: KeyVaultSource };

/** What signing in to Azure SQL needs: a server and a database, and with SQL auth a user and password. */
export function requiredSettings(auth: DbAuthMode): SecretKey[] {
  return auth === "entra" ? ["server", "database"] : ["server", "database", "username", "password"];
}

const DB_VARIABLES: Record<SecretKey, EnvVariable> = {
  server: "DB_SERVER",
  database: "DB_DATABASE",
  username: "DB_USERNAME",
  password: "DB_PASSWORD",
};

/** Within Key Vault, a DB_* value that is set wins over its secret. */
export function readDatabaseSource(read: EnvReader, keyVault: KeyVaultAccess | undefined): DatabaseSource {
  const url = read.text("DATABASE_URL");
  const dbAuth = read.oneOf("DB_AUTH", DB_AUTH_MODES, "sql");
  const port = read.int("DB_PORT", DEFAULT_MSSQL_PORT, 1, 65_535);
  const given: Partial<Record<SecretKey, string>> = {};
  for (const key of Object.keys(DB_VARIABLES) as SecretKey[]) {
    const value = read.text(DB_VARIABLES[key]);
    if (value !== undefined) given[key] = value;
  }
  const missing = requiredSettings(dbAuth).filter((key) => given[key] === undefined);

  if (url !== undefined) {
    const parsed = parseDatabaseUrl(url);
    if (!parsed.ok) {
      read.problems.push(parsed.problem);
      return { from: "default", settings: { kind: "sqlite", file: DEFAULT_SQLITE_FILE } };
    }
    return { from: "DATABASE_URL", settings: parsed.value };
  }

  if (Object.keys(given).length > 0 && missing.length === 0) {
    const auth: MssqlAuth =
      dbAuth === "entra"
        ? entraAuth(read.text("AZURE_CLIENT_ID"))
        : { type: "sql", user: given.username!, password: given.password! };
    return {
      from: "DB_*",
      settings: {
        kind: "mssql",
        server: given.server!,
        port,
        database: given.database!,
        auth,
        encrypt: true,
        trustServerCertificate: read.bool("DB_TRUST_SERVER_CERTIFICATE", false),
      },
    };
  }

  if (keyVault) {
    const secretNames = {
      server: read.text("KEY_VAULT_SECRET_SERVER") ?? DEFAULT_SECRET_NAMES.server,
      database: read.text("KEY_VAULT_SECRET_DATABASE") ?? DEFAULT_SECRET_NAMES.database,
      username: read.text("KEY_VAULT_SECRET_USERNAME") ?? DEFAULT_SECRET_NAMES.username,
      password: read.text("KEY_VAULT_SECRET_PASSWORD") ?? DEFAULT_SECRET_NAMES.password,
    };
    for (const [key, name] of Object.entries(secretNames)) {
      if (!isSecretName(name)) {
        read.problems.push(
          `KEY_VAULT_SECRET_${key.toUpperCase()} must be a Key Vault secret name (letters, digits and dashes; got "${name}")`,
        );
      }
    }
    return { from: "KEY_VAULT_URL", keyVault: { ...keyVault, secretNames, given, port, auth: dbAuth } };
  }

  if (Object.keys(given).length > 0) {
    read.problems.push(
      `The DB_* settings for Azure SQL are incomplete: set ${missing.map((key) => DB_VARIABLES[key]).join(", ")}` +
        (dbAuth === "sql" ? " (or DB_AUTH=entra to sign in without a password)" : "") +
        ", or set KEY_VAULT_URL to read the rest from Key Vault",
    );
  }
  return { from: "default", settings: { kind: "sqlite", file: DEFAULT_SQLITE_FILE } };
}

