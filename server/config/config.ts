/**
 * The one module that reads the environment. Everything else receives an `AppConfig`.
 * Every problem is collected and reported together, so one failed start names them all.
 */
import { isIP } from "node:net";
import { DEFAULT_PORT, DEFAULT_SHUTDOWN_TIMEOUT_MS, LOG_LEVELS, type LogLevel, NODE_ENVS, type NodeEnv } from "../core/contracts.js";
import { type AuthConfig, readAuthConfig } from "./auth-config.js";
import { type DatabaseSource, readDatabaseSource } from "./database-source.js";
import { type Env, EnvReader } from "./env-reader.js";
import { readKeyVaultAccess } from "./key-vault-access.js";

export type { AuthConfig } from "./auth-config.js";
export type { DatabaseSource, KeyVaultSource } from "./database-source.js";

/** What one GraphQL request may ask for (see graphql/limits.ts for how each is counted). */
export interface GraphQLLimits {
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxCost: number;
}

export const DEFAULT_GRAPHQL_LIMITS: GraphQLLimits = {
  maxTokens: 2_000,
  maxDepth: 8,
  maxAliases: 15,
  maxDirectives: 10,
  // A page of 100 orders with every field, and its count: about 1,200. Twenty such pages: too many.
  maxCost: 5_000,
};

export interface AppConfig {
  nodeEnv: NodeEnv;
  host: string;
  port: number;
  logLevel: LogLevel;
  database: DatabaseSource;
  /** Sign-in: who may call, and how they prove it. */
  auth: AuthConfig;
  /** Fill an empty SQLite database with a few hundred demo orders at start-up. */
  seedDemo: boolean;
  /** How long SIGTERM waits for in-flight requests before it gives up. */
  shutdownTimeoutMs: number;
  /** How stale a cached total count may be, at most, for writes made by other replicas. */
  totalCountTtlMs: number;
  /** A count not in the cache that takes longer is stopped (and the caller told to narrow the filter). */
  countTimeoutMs: number;
  /** First wait before a failed database connection is tried again (it doubles, up to the maximum). */
  dbRetry: { firstDelayMs: number; maxDelayMs: number; attempts: number };
  /** Statements that take longer fail (and /readyz reports the database down). */
  dbQueryTimeoutMs: number;
  /** Requests per minute per client address; 0 turns rate limiting off. */
  rateLimitPerMinute: number;
  /** Which proxies' X-Forwarded-For to believe: none, this many hops, or these addresses/CIDRs (never "all"). */
  trustProxy: false | number | string[];
  /** Origins allowed to call the API from a browser on another origin; empty: none (CORS closed). */
  corsOrigins: string[];
  maxBodyBytes: number;
  /** A request not fully received by then (headers and body) gets 408 and its connection is closed. */
  requestTimeoutMs: number;
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

export function loadConfig(env: Env = process.env): AppConfig {
  const read = new EnvReader(env);
  const nodeEnv = read.oneOf("NODE_ENV", NODE_ENVS, "development");
  const keyVault = readKeyVaultAccess(read);
  const config: AppConfig = {
    nodeEnv,
    host: read.text("HOST") ?? "0.0.0.0",
    // 0 asks the system for any free port (tests, side-by-side runs).
    port: read.int("PORT", DEFAULT_PORT, 0, 65_535),
    logLevel: read.oneOf("LOG_LEVEL", LOG_LEVELS, "info"),
    database: readDatabaseSource(read, keyVault),
    auth: readAuthConfig(read, nodeEnv, keyVault),
    seedDemo: read.bool("SEED_DEMO", true),
    shutdownTimeoutMs: read.int("SHUTDOWN_TIMEOUT_MS", DEFAULT_SHUTDOWN_TIMEOUT_MS, 0, 600_000),
    totalCountTtlMs: read.int("TOTAL_COUNT_TTL_MS", 5_000, 0, 3_600_000),
    countTimeoutMs: read.int("COUNT_TIMEOUT_MS", 3_000, 100, 600_000),
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
    requestTimeoutMs: read.int("REQUEST_TIMEOUT_MS", 30_000, 1_000, 600_000),
    graphqlTimeoutMs: read.int("GRAPHQL_TIMEOUT_MS", 10_000, 100, 600_000),
    graphqlLimits: {
      maxTokens: read.int("GRAPHQL_MAX_TOKENS", DEFAULT_GRAPHQL_LIMITS.maxTokens, 10, 1_000_000),
      maxDepth: read.int("GRAPHQL_MAX_DEPTH", DEFAULT_GRAPHQL_LIMITS.maxDepth, 1, 100),
      maxAliases: read.int("GRAPHQL_MAX_ALIASES", DEFAULT_GRAPHQL_LIMITS.maxAliases, 0, 10_000),
      maxDirectives: read.int("GRAPHQL_MAX_DIRECTIVES", DEFAULT_GRAPHQL_LIMITS.maxDirectives, 0, 10_000),
      maxCost: read.int("GRAPHQL_MAX_COST", DEFAULT_GRAPHQL_LIMITS.maxCost, 1, 100_000_000),
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
  if (raw === undefined || /^(false|no|off|0)$/i.test(raw)) return false;
  if (/^(true|yes|on)$/i.test(raw)) {
    // Believing every X-Forwarded-For would let any client name its own address, and so its own rate limit.
    read.problems.push(
      `TRUST_PROXY=${raw} would believe any client's X-Forwarded-For: give the number of proxies in front (1 behind the AKS gateway) or their addresses/CIDRs such as 10.0.0.0/8`,
    );
    return false;
  }
  // A number is how many proxies stand in front (1: the ingress controller).
  if (/^\d+$/.test(raw)) return read.int("TRUST_PROXY", 0, 0, 10);
  const entries = read.list("TRUST_PROXY");
  const bad = entries.filter((entry) => !isAddressOrCidr(entry));
  if (bad.length > 0) {
    read.problems.push(
      `TRUST_PROXY must be false, a number of proxies, or their addresses/CIDRs such as 10.0.0.0/8 (not ${bad.map((entry) => `"${entry}"`).join(", ")})`,
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

