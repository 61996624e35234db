/**
 * The one module that reads the environment. Everything else receives an `AppConfig`.
 * Every problem is collected and reported together, so one failed start names them all.
 */
import { isIP } from "node:net";
import {
  DEFAULT_MSSQL_PORT,
  DEFAULT_SQLITE_FILE,
  type DatabaseSettings,
  entraAuth,
  type MssqlAuth,
  parseDatabaseUrl,
} from "./database-url.js";
import { DEFAULT_LIMITS, type GraphQLLimits } from "../graphql/limits.js";
import { DEFAULT_PORT } from "../http/routes.js";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const AZURE_CREDENTIALS = ["default", "workload", "managed", "cli"] as const;
export type AzureCredentialKind = (typeof AZURE_CREDENTIALS)[number];

/** The Key Vault secret names the old app used; each can be renamed with an environment variable. */
export const DEFAULT_SECRET_NAMES = {
  server: "server-name",
  database: "database-name",
  username: "server-username",
  password: "server-password",
} as const;
export type SecretKey = keyof typeof DEFAULT_SECRET_NAMES;

/** Azure SQL settings to be completed from Key Vault at start-up. */
export interface KeyVaultSource {
  vaultUrl: string;
  secretNames: Record<SecretKey, string>;
  /** Values the environment already gives (DB_*): these win, and are not fetched. */
  given: Partial<Record<SecretKey, string>>;
  port: number;
  auth: "sql" | "entra";
  credential: AzureCredentialKind;
  /** For a user-assigned managed identity (AZURE_CLIENT_ID). */
  clientId?: string;
  timeoutMs: number;
}

export type DatabaseSource =
  | { from: "DATABASE_URL" | "DB_*" | "default"; settings: DatabaseSettings }
  | { from: "KEY_VAULT_URL"; keyVault: KeyVaultSource };

export interface AppConfig {
  nodeEnv: "development" | "production" | "test";
  host: string;
  port: number;
  logLevel: LogLevel;
  database: DatabaseSource;
  /** Fill an empty SQLite database with a few hundred demo orders at start-up. */
  seedDemo: boolean;
  /** How long SIGTERM waits for in-flight requests before it gives up. */
  shutdownTimeoutMs: number;
  /** How stale a cached total count may be, at most, for writes made by other replicas. */
  totalCountTtlMs: number;
  /** First wait before a failed database connection is tried again (it doubles, up to the maximum). */
  dbRetry: { firstDelayMs: number; maxDelayMs: number; attempts: number };
  /** Statements that take longer fail (and /readyz reports the database down). */
  dbQueryTimeoutMs: number;
  /** Requests per minute per client address; 0 turns rate limiting off. */
  rateLimitPerMinute: number;
  /** Which proxies' X-Forwarded-For to believe: none, all, this many hops, or these addresses/CIDRs. */
  trustProxy: boolean | number | string[];
  /** Origins allowed to call the API from a browser on another origin; empty: none (CORS closed). */
  corsOrigins: string[];
  maxBodyBytes: number;
  graphqlTimeoutMs: number;
  graphqlLimits: GraphQLLimits;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The configuration has ${problems.length === 1 ? "a problem" : `${problems.length} problems`}; ` +
        `mend ${problems.length === 1 ? "it" : "them"} and start again:\n` +
        problems.map((problem) => `  - ${problem}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

type Env = Record<string, string | undefined>;

/** Reads values from the environment and notes each problem instead of stopping at the first. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  text(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === "" ? undefined : value;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    const value = raw.toLowerCase() as T;
    if (!allowed.includes(value)) {
      this.problems.push(`${name} must be one of ${allowed.join(", ")} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    if (/^(true|yes|on|1)$/i.test(raw)) return true;
    if (/^(false|no|off|0)$/i.test(raw)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  list(name: string): string[] {
    return (this.text(name) ?? "")
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== "");
  }

  httpsUrl(name: string): string | undefined {
    const raw = this.text(name);
    if (raw === undefined) return undefined;
    try {
      const url = new URL(raw);
      if (url.protocol === "https:") return url.origin + "/";
    } catch {
      // reported below
    }
    this.problems.push(`${name} must be an https URL such as https://my-vault.vault.azure.net/ (got "${raw}")`);
    return undefined;
  }
}

export function loadConfig(env: Env = process.env): AppConfig {
  const read = new EnvReader(env);
  const nodeEnv = read.oneOf("NODE_ENV", ["development", "production", "test"] as const, "development");
  const config: AppConfig = {
    nodeEnv,
    host: read.text("HOST") ?? "0.0.0.0",
    // 0 asks the system for any free port (tests, side-by-side runs).
    port: read.int("PORT", DEFAULT_PORT, 0, 65_535),
    logLevel: read.oneOf("LOG_LEVEL", LOG_LEVELS, "info"),
    database: readDatabaseSource(read),
    seedDemo: read.bool("SEED_DEMO", true),
    shutdownTimeoutMs: read.int("SHUTDOWN_TIMEOUT_MS", 10_000, 0, 600_000),
    totalCountTtlMs: read.int("TOTAL_COUNT_TTL_MS", 5_000, 0, 3_600_000),
    dbRetry: {
      firstDelayMs: read.int("DB_RETRY_FIRST_DELAY_MS", 5_000, 0, 600_000),
      maxDelayMs: read.int("DB_RETRY_MAX_DELAY_MS", 60_000, 0, 3_600_000),
      attempts: read.int("DB_RETRY_ATTEMPTS", 8, 1, 100),
    },
    dbQueryTimeoutMs: read.int("DB_QUERY_TIMEOUT_MS", 15_000, 100, 600_000),
    rateLimitPerMinute: read.int("RATE_LIMIT_PER_MINUTE", 1_200, 0, 10_000_000),
    trustProxy: readTrustProxy(read),
    corsOrigins: readOrigins(read),
    maxBodyBytes: read.int("MAX_BODY_BYTES", 100_000, 1_000, 10_000_000),
    graphqlTimeoutMs: read.int("GRAPHQL_TIMEOUT_MS", 10_000, 100, 600_000),
    graphqlLimits: {
      maxTokens: read.int("GRAPHQL_MAX_TOKENS", DEFAULT_LIMITS.maxTokens, 10, 1_000_000),
      maxDepth: read.int("GRAPHQL_MAX_DEPTH", DEFAULT_LIMITS.maxDepth, 1, 100),
      maxAliases: read.int("GRAPHQL_MAX_ALIASES", DEFAULT_LIMITS.maxAliases, 0, 10_000),
      maxDirectives: read.int("GRAPHQL_MAX_DIRECTIVES", DEFAULT_LIMITS.maxDirectives, 0, 10_000),
      maxCost: read.int("GRAPHQL_MAX_COST", DEFAULT_LIMITS.maxCost, 1, 100_000_000),
    },
  };
  if (config.dbRetry.maxDelayMs < config.dbRetry.firstDelayMs) {
    read.problems.push(
      `DB_RETRY_MAX_DELAY_MS (${config.dbRetry.maxDelayMs}) must not be less than DB_RETRY_FIRST_DELAY_MS (${config.dbRetry.firstDelayMs})`,
    );
  }
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

function isAddressOrCidr(entry: string): boolean {
  const [address = "", prefix, extra] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

function readTrustProxy(read: EnvReader): AppConfig["trustProxy"] {
  const raw = read.text("TRUST_PROXY");
  if (raw === undefined || /^(false|no|off)$/i.test(raw)) return false;
  if (/^(true|yes|on)$/i.test(raw)) return true;
  // A number is how many proxies stand in front (1: the ingress controller).
  if (/^\d+$/.test(raw)) return read.int("TRUST_PROXY", 0, 0, 10);
  const entries = read.list("TRUST_PROXY");
  const bad = entries.filter((entry) => !isAddressOrCidr(entry));
  if (bad.length > 0) {
    read.problems.push(
      `TRUST_PROXY must be true, false, a number of proxies, or their addresses/CIDRs such as 10.0.0.0/8 (not ${bad.map((entry) => `"${entry}"`).join(", ")})`,
    );
  }
  return entries;
}

function readOrigins(read: EnvReader): string[] {
  const origins = read.list("CORS_ORIGINS");
  for (const origin of origins) {
    let valid = false;
    try {
      const url = new URL(origin);
      valid = (url.protocol === "https:" || url.protocol === "http:") && url.origin === origin;
    } catch {
      // reported below
    }
    if (!valid) read.problems.push(`CORS_ORIGINS must list origins such as https://staff.example.com (no path, no trailing slash; got "${origin}")`);
  }
  return origins;
}

/** What signing in to Azure SQL needs: a server and a database, and with SQL auth a user and password. */
export function requiredSettings(auth: "sql" | "entra"): SecretKey[] {
  return auth === "entra" ? ["server", "database"] : ["server", "database", "username", "password"];
}

const DB_VARIABLES: Record<SecretKey, string> = {
  server: "DB_SERVER",
  database: "DB_DATABASE",
  username: "DB_USERNAME",
  password: "DB_PASSWORD",
};

/**
 * Precedence: DATABASE_URL, then the old app's DB_* variables, then Key Vault; with none of
 * them, the embedded SQLite file. Within Key Vault, a DB_* value that is set wins over its secret.
 */
function readDatabaseSource(read: EnvReader): DatabaseSource {
  const url = read.text("DATABASE_URL");
  const dbAuth = read.oneOf("DB_AUTH", ["sql", "entra"] as const, "sql");
  const port = read.int("DB_PORT", DEFAULT_MSSQL_PORT, 1, 65_535);
  const given: Partial<Record<SecretKey, string>> = {};
  for (const key of Object.keys(DB_VARIABLES) as SecretKey[]) {
    const value = read.text(DB_VARIABLES[key]);
    if (value !== undefined) given[key] = value;
  }
  const missing = requiredSettings(dbAuth).filter((key) => given[key] === undefined);
  const vaultUrl = read.httpsUrl("KEY_VAULT_URL");
  const keyVaultRequested = read.text("KEY_VAULT_URL") !== undefined;

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

  if (keyVaultRequested) {
    const secretNames = {
      server: read.text("KEY_VAULT_SECRET_SERVER") ?? DEFAULT_SECRET_NAMES.server,
      database: read.text("KEY_VAULT_SECRET_DATABASE") ?? DEFAULT_SECRET_NAMES.database,
      username: read.text("KEY_VAULT_SECRET_USERNAME") ?? DEFAULT_SECRET_NAMES.username,
      password: read.text("KEY_VAULT_SECRET_PASSWORD") ?? DEFAULT_SECRET_NAMES.password,
    };
    for (const [key, name] of Object.entries(secretNames)) {
      // Key Vault secret names: 1-127 characters, letters, digits and dashes.
      if (!/^[0-9a-zA-Z-]{1,127}$/.test(name)) {
        read.problems.push(
          `KEY_VAULT_SECRET_${key.toUpperCase()} must be a Key Vault secret name (letters, digits and dashes; got "${name}")`,
        );
      }
    }
    const clientId = read.text("AZURE_CLIENT_ID");
    return {
      from: "KEY_VAULT_URL",
      keyVault: {
        vaultUrl: vaultUrl ?? "https://invalid.vault.azure.net/",
        secretNames,
        given,
        port,
        auth: dbAuth,
        credential: read.oneOf("AZURE_CREDENTIAL", AZURE_CREDENTIALS, "default"),
        ...(clientId ? { clientId } : {}),
        timeoutMs: read.int("KEY_VAULT_TIMEOUT_MS", 10_000, 100, 300_000),
      },
    };
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

