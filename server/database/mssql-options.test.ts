/**
 * No SQL Server can run here, so the options handed to mssql/tedious are checked as data:
 * encryption, certificate checking, UTC dates, timeouts, and the two ways of signing in.
 */
import { describe, expect, it } from "vitest";
import { buildMssqlOptions } from "./mssql-options.js";

const base = { kind: "mssql" as const, server: "orders.database.windows.net", port: 1433, database: "orders", encrypt: true, trustServerCertificate: false };

describe("buildMssqlOptions", () => {
  it("signs in with SQL authentication over an encrypted, verified connection", () => {
    const options = buildMssqlOptions({ ...base, auth: { type: "sql", user: "app", password: "pw" } }, { connectMs: 15_000, queryMs: 30_000 });
    expect(options).toMatchObject({
      type: "mssql",
      host: "orders.database.windows.net",
      port: 1433,
      database: "orders",
      username: "app",
      password: "pw",
      options: { encrypt: true, trustServerCertificate: false, useUTC: true },
      connectionTimeout: 15_000,
      requestTimeout: 30_000,
    });
    expect(options.authentication).toBeUndefined();
  });

  it("signs in with a Microsoft Entra token and holds no password", () => {
    const options = buildMssqlOptions({ ...base, auth: { type: "entra", clientId: "client-1" } }, { connectMs: 1, queryMs: 1 });
    expect(options.authentication).toEqual({ type: "azure-active-directory-default", options: { clientId: "client-1" } });
    expect(options.password).toBeUndefined();
    expect(options.username).toBeUndefined();
    expect(buildMssqlOptions({ ...base, auth: { type: "entra" } }, { connectMs: 1, queryMs: 1 }).authentication).toEqual({
      type: "azure-active-directory-default",
      options: {},
    });
  });
});
