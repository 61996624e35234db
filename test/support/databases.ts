/**
 * Real databases for tests: a fresh SQLite file, or a fresh PostgreSQL database on the server
 * that TEST_POSTGRES_URL names. Without TEST_POSTGRES_URL the PostgreSQL suites are skipped
 * (and say so); with CI=true, a missing or unreachable PostgreSQL fails the run instead.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export type EngineName = "sqlite" | "postgres";

export interface TestDatabase {
  engine: EngineName;
  url: string;
  /** Runs SQL directly on the database (no service in between): for set-up and for checking what was written. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** The engine's placeholder for the n-th (1-based) parameter. */
  placeholder(n: number): string;
  drop(): Promise<void>;
}

export const POSTGRES_URL = process.env.TEST_POSTGRES_URL;
const IN_CI = process.env.CI === "true";

let postgresReachable: Promise<string | undefined> | undefined;

/** Undefined when PostgreSQL can be used; otherwise why not. Throws in CI, where it must be there. */
export async function postgresUnavailable(): Promise<string | undefined> {
  postgresReachable ??= (async () => {
    if (!POSTGRES_URL) return "TEST_POSTGRES_URL is not set";
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3_000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return undefined;
    } catch (error) {
      return `PostgreSQL at TEST_POSTGRES_URL cannot be reached: ${(error as Error).message}`;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  const reason = await postgresReachable;
  if (reason && IN_CI) throw new Error(`CI=true needs PostgreSQL for the PostgreSQL suites: ${reason}`);
  return reason;
}

/** The engines a suite runs on here: SQLite always, PostgreSQL when reachable. */
export async function availableEngines(): Promise<EngineName[]> {
  const reason = await postgresUnavailable();
  if (reason) {
    console.warn(`PostgreSQL suite NOT RUN: ${reason}. Set TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test to run it.`);
    return ["sqlite"];
  }
  return ["sqlite", "postgres"];
}

export async function createTestDatabase(engine: EngineName): Promise<TestDatabase> {
  return engine === "sqlite" ? createSqliteDatabase() : createPostgresDatabase();
}

async function createSqliteDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "orders-test-"));
  const file = join(dir, "orders.sqlite");
  const { default: Sqlite } = await import("better-sqlite3");
  const db = new Sqlite(file);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  return {
    engine: "sqlite",
    url: `sqlite:${file}`,
    placeholder: () => "?",
    async query<T>(sql: string, params: unknown[] = []) {
      const statement = db.prepare(sql);
      return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
    },
    async drop() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  const name = `orders_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_URL!);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  // An idle client may hear of its backend ending while the database is dropped: expected then.
  pool.on("error", () => undefined);
  return {
    engine: "postgres",
    url: url.toString(),
    placeholder: (n) => `$${n}`,
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(sql, params)).rows as T[];
    },
    async drop() {
      await pool.end();
      // Wait for every connection (the service's pool too) to go, rather than killing them mid-goodbye.
      for (let attempt = 0; ; attempt += 1) {
        try {
          await admin.query(`DROP DATABASE IF EXISTS ${name}${attempt >= 50 ? " WITH (FORCE)" : ""}`);
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== "55006" || attempt >= 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      await admin.end();
    },
  };
}

/** Migrates a database and adds synthetic orders to it, before any server starts on it. */
export async function seedTestDatabase(url: string, options: { count: number; seed: number; until: Date }): Promise<void> {
  const { parseDatabaseUrl } = await import("../../server/config/database-url.js");
  const { openDatabase } = await import("../../server/database/database.js");
  const { OrderStore } = await import("../../server/orders/order-store.js");
  const { seedOrders } = await import("../../server/seed/seed-orders.js");
  const { captureLogs } = await import("./log-capture.js");
  const parsed = parseDatabaseUrl(url);
  if (!parsed.ok) throw new Error(parsed.problem);
  const database = await openDatabase(parsed.value, { retry: { firstDelayMs: 10, maxDelayMs: 10, attempts: 1 }, queryTimeoutMs: 30_000, logger: captureLogs().logger });
  try {
    await seedOrders(new OrderStore(database), options);
  } finally {
    await database.close();
  }
}
