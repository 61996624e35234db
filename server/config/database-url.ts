/**
 * Where the orders live, as the rest of the server sees it. One of three engines, chosen by
 * `DATABASE_URL` (or the old app's `DB_*` variables, or Key Vault: see config.ts).
 */

export interface SqliteSettings {
  kind: "sqlite";
  /** A file path, or `:memory:`. */
  file: string;
}

export interface PostgresSettings {
  kind: "postgres";
  url: string;
}

export type MssqlAuth =
  | { type: "sql"; user: string; password: string }
  /** Microsoft Entra token via DefaultAzureCredential: no password anywhere. */
  | { type: "entra"; clientId?: string };

export function entraAuth(clientId: string | undefined): MssqlAuth {
  return clientId ? { type: "entra", clientId } : { type: "entra" };
}

export interface MssqlSettings {
  kind: "mssql";
  server: string;
  port: number;
  database: string;
  auth: MssqlAuth;
  /** Always true against Azure SQL; only a local SQL Server in a container may turn it off. */
  encrypt: boolean;
  trustServerCertificate: boolean;
}

export type DatabaseSettings = SqliteSettings | PostgresSettings | MssqlSettings;

export const DEFAULT_SQLITE_FILE = "data/orders.sqlite";
export const DEFAULT_MSSQL_PORT = 1433;

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const EXAMPLES =
  "sqlite:data/orders.sqlite, postgres://user:password@host:5432/orders or mssql://user:password@server.database.windows.net/orders";

/** Reads a `DATABASE_URL`. A problem never repeats the password. */
export function parseDatabaseUrl(raw: string): Parsed<DatabaseSettings> {
  const text = raw.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  switch (scheme) {
    case "sqlite": {
      // sqlite:<file>; the URL-ish sqlite:///abs/path and sqlite://rel/path are read the same way.
      let file = text.slice("sqlite:".length);
      if (file.startsWith("//")) file = file.slice(2);
      if (file === "") return { ok: false, problem: `DATABASE_URL "sqlite:" names no file: write sqlite:${DEFAULT_SQLITE_FILE}` };
      return { ok: true, value: { kind: "sqlite", file } };
    }
    case "postgres":
    case "postgresql": {
      const url = safeUrl(text);
      if (!url || url.hostname === "") {
        return { ok: false, problem: `DATABASE_URL is not a valid PostgreSQL URL: write postgres://user:password@host:5432/database` };
      }
      if (url.pathname.length <= 1) {
        return { ok: false, problem: `DATABASE_URL names no database: add it after the host, as in postgres://${url.host}/orders` };
      }
      return { ok: true, value: { kind: "postgres", url: text } };
    }
    case "mssql":
    case "sqlserver":
      return parseMssqlUrl(text);
    default:
      // Only the scheme is repeated: the rest of a URL that was not understood may hold a password.
      return {
        ok: false,
        problem: `DATABASE_URL must start with sqlite:, postgres:// or mssql:// (${scheme ? `got "${scheme}:"` : "it has no scheme"}); for example ${EXAMPLES}`,
      };
  }
}

function parseMssqlUrl(text: string): Parsed<MssqlSettings> {
  const url = safeUrl(text);
  if (!url || url.hostname === "") {
    return { ok: false, problem: "DATABASE_URL is not a valid SQL Server URL: write mssql://user:password@server.database.windows.net/database" };
  }
  const database = decoded(url.pathname.slice(1));
  if (database === undefined) return { ok: false, problem: "DATABASE_URL's database name has a malformed %-escape" };
  if (database === "") {
    return { ok: false, problem: `DATABASE_URL names no database: add it after the server, as in mssql://${url.host}/orders` };
  }
  const port = url.port === "" ? DEFAULT_MSSQL_PORT : Number(url.port);
  const params = url.searchParams;
  const flag = (name: string, fallback: boolean): boolean | string => {
    const value = params.get(name);
    if (value === null) return fallback;
    if (/^(true|yes|1)$/i.test(value)) return true;
    if (/^(false|no|0)$/i.test(value)) return false;
    return `DATABASE_URL parameter ${name} must be true or false (got "${value}")`;
  };
  const encrypt = flag("encrypt", true);
  const trustServerCertificate = flag("trustServerCertificate", false);
  if (typeof encrypt === "string") return { ok: false, problem: encrypt };
  if (typeof trustServerCertificate === "string") return { ok: false, problem: trustServerCertificate };
  const authentication = (params.get("authentication") ?? "sql").toLowerCase();
  let auth: MssqlAuth;
  if (authentication === "entra" || authentication === "azure-active-directory-default") {
    auth = entraAuth(params.get("clientId") ?? undefined);
  } else if (authentication === "sql") {
    if (url.username === "" || url.password === "") {
      return {
        ok: false,
        problem:
          "DATABASE_URL for SQL Server needs a user and password (mssql://user:password@server/database), or authentication=entra for passwordless sign-in",
      };
    }
    const user = decoded(url.username);
    const password = decoded(url.password);
    if (user === undefined || password === undefined) {
      return { ok: false, problem: "DATABASE_URL's user or password has a malformed %-escape: write a literal % as %25" };
    }
    auth = { type: "sql", user, password };
  } else {
    return { ok: false, problem: `DATABASE_URL parameter authentication must be sql or entra (got "${authentication}")` };
  }
  return {
    ok: true,
    value: { kind: "mssql", server: url.hostname, port, database, auth, encrypt, trustServerCertificate },
  };
}

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** One line naming the database, without credentials: for logs and /readyz. */
export function describeDatabase(settings: DatabaseSettings): string {
  switch (settings.kind) {
    case "sqlite":
      return `sqlite:${settings.file}`;
    case "postgres": {
      const url = safeUrl(settings.url);
      return url ? `postgres://${url.host}${url.pathname}` : "postgres";
    }
    case "mssql":
      return `mssql://${settings.server}:${settings.port}/${settings.database} (${settings.auth.type === "entra" ? "Entra" : "SQL"} auth)`;
  }
}
