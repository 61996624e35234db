import { describe, expect, it } from "vitest";
import { describeDatabase, parseDatabaseUrl } from "./database-url.js";

describe("parseDatabaseUrl", () => {
  it("reads SQLite files in the forms people write", () => {
    expect(parseDatabaseUrl("sqlite:data/orders.sqlite")).toEqual({ ok: true, value: { kind: "sqlite", file: "data/orders.sqlite" } });
    expect(parseDatabaseUrl("sqlite:///var/lib/orders.db")).toEqual({ ok: true, value: { kind: "sqlite", file: "/var/lib/orders.db" } });
    expect(parseDatabaseUrl("sqlite::memory:")).toEqual({ ok: true, value: { kind: "sqlite", file: ":memory:" } });
    expect(parseDatabaseUrl("sqlite:").ok).toBe(false);
  });

  it("reads PostgreSQL URLs and needs a database name", () => {
    expect(parseDatabaseUrl("postgresql://u:p@db:5432/orders?sslmode=require")).toEqual({
      ok: true,
      value: { kind: "postgres", url: "postgresql://u:p@db:5432/orders?sslmode=require" },
    });
    expect(parseDatabaseUrl("postgres://u:p@db:5432")).toMatchObject({ ok: false, problem: expect.stringMatching(/names no database/) });
  });

  it("reads SQL Server URLs: encryption on unless asked, SQL or Entra sign-in", () => {
    expect(parseDatabaseUrl("mssql://app:p%40ss@orders.database.windows.net/orders")).toEqual({
      ok: true,
      value: {
        kind: "mssql",
        server: "orders.database.windows.net",
        port: 1433,
        database: "orders",
        auth: { type: "sql", user: "app", password: "p@ss" },
        encrypt: true,
        trustServerCertificate: false,
      },
    });
    expect(parseDatabaseUrl("mssql://orders.database.windows.net:1444/orders?authentication=entra&clientId=abc")).toMatchObject({
      ok: true,
      value: { port: 1444, auth: { type: "entra", clientId: "abc" } },
    });
    expect(parseDatabaseUrl("mssql://localhost/orders?encrypt=maybe&authentication=entra")).toMatchObject({ ok: false, problem: expect.stringMatching(/encrypt must be true or false/) });
    expect(parseDatabaseUrl("mssql://server/orders")).toMatchObject({ ok: false, problem: expect.stringMatching(/needs a user and password/) });
  });

  it("never repeats a password in a problem or a description", () => {
    for (const url of ["mysql://root:TopSecret@db/orders", "postgress://admin:S3cr/TopSecret@host/db", "root:TopSecret@db/orders"]) {
      const reading = parseDatabaseUrl(url);
      expect(reading.ok).toBe(false);
      if (!reading.ok) expect(reading.problem, url).not.toContain("TopSecret");
    }
    expect(parseDatabaseUrl("mssql://app:50%off@server/orders")).toEqual({
      ok: false,
      problem: "DATABASE_URL's user or password has a malformed %-escape: write a literal % as %25",
    });
    const parsed = parseDatabaseUrl("postgres://u:TopSecret@db:5432/x");
    if (parsed.ok) expect(describeDatabase(parsed.value)).toBe("postgres://db:5432/x");
  });
});
