/**
 * The names other parts rely on: the HTTP routes, the port, the environment variables and their
 * allowed values, the Key Vault secret names. The server's config reads them, the cdk8s manifests
 * set them, the web client and tests call the routes: all import them from here, so a rename is
 * one edit and a typo is a type error. (Terraform, which cannot import, has a test that compares.)
 */

export const GRAPHQL_PATH = "/graphql";
/** Liveness: answers while the process runs; never touches the database. */
export const HEALTH_PATH = "/healthz";
/** Readiness: 200 when the database answers, 503 when it does not. */
export const READY_PATH = "/readyz";
/** The port the old Flask app listened on; the container exposes it. */
export const DEFAULT_PORT = 5000;

/** Sign-in for the browser (the server keeps the tokens; the browser holds a session cookie). */
export const AUTH_PATHS = {
  /** GET, with `returnTo` (a local path): starts the sign-in and comes back there. */
  login: "/auth/login",
  /** GET: where the identity provider sends the browser back. */
  callback: "/auth/callback",
  /** POST: ends the session, then the identity provider's. */
  logout: "/auth/logout",
  /** GET: `{ name, roles }` of the signed-in caller, or 401. */
  me: "/auth/me",
} as const;

/** Exports of the list, as files. */
export const EXPORT_PATH_PREFIX = "/export/";
/**
 * GET: every order the list's filter, search and sort select, as CSV. Query parameters:
 * `userId`, `storeCode`, `orderDateFrom`, `orderDateTo`, `search`, `sort`.
 */
export const ORDERS_CSV_PATH = "/export/orders.csv";
export const ORDERS_CSV_PARAMETERS = ["userId", "storeCode", "orderDateFrom", "orderDateTo", "search", "sort"] as const;

/** The Entra app roles (the token's `roles` claim). Orders.Write also lets its holder read. */
export const ROLES = { read: "Orders.Read", write: "Orders.Write" } as const;
export type Role = (typeof ROLES)[keyof typeof ROLES];

/** AUTH_MODE: OpenID Connect sign-in, or none at all (development only). */
export const AUTH_MODES = ["oidc", "off"] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** Every environment variable the server reads. */
export const ENV_VARIABLES = [
  "NODE_ENV",
  "HOST",
  "PORT",
  "LOG_LEVEL",
  "DATABASE_URL",
  "DB_SERVER",
  "DB_DATABASE",
  "DB_USERNAME",
  "DB_PASSWORD",
  "DB_PORT",
  "DB_AUTH",
  "DB_TRUST_SERVER_CERTIFICATE",
  "KEY_VAULT_URL",
  "KEY_VAULT_SECRET_SERVER",
  "KEY_VAULT_SECRET_DATABASE",
  "KEY_VAULT_SECRET_USERNAME",
  "KEY_VAULT_SECRET_PASSWORD",
  "KEY_VAULT_TIMEOUT_MS",
  "AZURE_CREDENTIAL",
  "AZURE_CLIENT_ID",
  "SEED_DEMO",
  "SHUTDOWN_TIMEOUT_MS",
  "TOTAL_COUNT_TTL_MS",
  "COUNT_TIMEOUT_MS",
  "DB_RETRY_FIRST_DELAY_MS",
  "DB_RETRY_MAX_DELAY_MS",
  "DB_RETRY_ATTEMPTS",
  "DB_QUERY_TIMEOUT_MS",
  "RATE_LIMIT_PER_MINUTE",
  "TRUST_PROXY",
  "CORS_ORIGINS",
  "MAX_BODY_BYTES",
  "REQUEST_TIMEOUT_MS",
  "GRAPHQL_TIMEOUT_MS",
  "GRAPHQL_MAX_TOKENS",
  "GRAPHQL_MAX_DEPTH",
  "GRAPHQL_MAX_ALIASES",
  "GRAPHQL_MAX_DIRECTIVES",
  "GRAPHQL_MAX_COST",
  "AUTH_MODE",
  "OIDC_ISSUER",
  "OIDC_CLIENT_ID",
  "OIDC_AUDIENCE",
  "OIDC_CLIENT_SECRET",
  "AZURE_FEDERATED_TOKEN_FILE",
  "PUBLIC_URL",
  "SESSION_SECRET",
  "KEY_VAULT_SECRET_SESSION",
  "SESSION_IDLE_MINUTES",
  "SESSION_MAX_HOURS",
  "ALLOWED_HOSTS",
] as const;
export type EnvVariable = (typeof ENV_VARIABLES)[number];

export const NODE_ENVS = ["development", "production", "test"] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** DB_AUTH: how the server signs in to Azure SQL, with a SQL login or with its Microsoft Entra identity. */
export const DB_AUTH_MODES = ["sql", "entra"] as const;
export type DbAuthMode = (typeof DB_AUTH_MODES)[number];

/** AZURE_CREDENTIAL: the one Azure credential to use ("workload" on AKS). */
export const AZURE_CREDENTIALS = ["default", "workload", "managed", "cli"] as const;
export type AzureCredentialKind = (typeof AZURE_CREDENTIALS)[number];

/** The Key Vault secret names the old app used; each can be renamed with KEY_VAULT_SECRET_*. */
export const DEFAULT_SECRET_NAMES = {
  server: "server-name",
  database: "database-name",
  username: "server-username",
  password: "server-password",
} as const;
export type SecretKey = keyof typeof DEFAULT_SECRET_NAMES;

/** The Key Vault secret holding SESSION_SECRET in production (Terraform creates it). */
export const DEFAULT_SESSION_SECRET_NAME = "session-secret";

/** How long SIGTERM lets requests in flight finish (SHUTDOWN_TIMEOUT_MS), unless configured. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
