import type { DataSourceOptions } from "typeorm";
import type { MssqlSettings } from "../config/database-url.js";

export interface MssqlTimeouts {
  connectMs: number;
  queryMs: number;
}

type SqlServerOptions = Extract<DataSourceOptions, { type: "mssql" }>;

/**
 * The connection options for Azure SQL (tedious, through mssql and TypeORM). Encryption is on
 * and the server certificate checked; dates are UTC; with Entra auth the driver asks
 * DefaultAzureCredential for a token (workload identity on AKS), so no password exists.
 */
export function buildMssqlOptions(
  settings: MssqlSettings,
  timeouts: MssqlTimeouts,
): Pick<SqlServerOptions, "type" | "host" | "port" | "database" | "username" | "password" | "authentication" | "options" | "connectionTimeout" | "requestTimeout" | "pool"> {
  const credentials =
    settings.auth.type === "sql"
      ? { username: settings.auth.user, password: settings.auth.password }
      : {
          authentication: {
            type: "azure-active-directory-default" as const,
            options: settings.auth.clientId ? { clientId: settings.auth.clientId } : {},
          },
        };
  return {
    type: "mssql",
    host: settings.server,
    port: settings.port,
    database: settings.database,
    ...credentials,
    options: {
      encrypt: settings.encrypt,
      trustServerCertificate: settings.trustServerCertificate,
      useUTC: true,
      appName: "orders",
      enableArithAbort: true,
    },
    connectionTimeout: timeouts.connectMs,
    requestTimeout: timeouts.queryMs,
    pool: { min: 0, max: 10, idleTimeoutMillis: 30_000, acquireTimeoutMillis: timeouts.connectMs },
  };
}
