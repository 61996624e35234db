/**
 * Counts have a time limit of their own (COUNT_TIMEOUT_MS), shorter than a statement's: a read
 * past it is stopped by the database itself (PostgreSQL's statement_timeout, for that statement
 * only) or by ending SQLite's counting thread, and reported as a ReadTimeoutError. Whatever
 * stopped, the next read works, and the limit does not stay on the connection.
 */
import { afterEach, describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "../../server/config/database-url.js";
import { type Database, openDatabase } from "../../server/database/database.js";
import { ReadTimeoutError } from "../../server/database/read-timeout.js";
import { createTestDatabase, type EngineName, postgresUnavailable, type TestDatabase } from "../support/databases.js";
import { captureLogs } from "../support/log-capture.js";

const postgresSkipped = await postgresUnavailable();

/** A read that runs for seconds on each engine. */
const SLOW_READ: Record<EngineName, string> = {
  sqlite: "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 10000000) SELECT COUNT(*) FROM n",
  postgres: "SELECT COUNT(*) FROM pg_sleep(5)",
};

describe.each<EngineName>(["sqlite", "postgres"])("a count's time limit on %s", (engine) => {
  let db: TestDatabase | undefined;
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    await db?.drop();
  });

  it.skipIf(engine === "postgres" && postgresSkipped !== undefined)("stops a read that overstays it, and the next reads work", async () => {
    db = await createTestDatabase(engine);
    const parsed = parseDatabaseUrl(db.url);
    if (!parsed.ok) throw new Error(parsed.problem);
    database = await openDatabase(parsed.value, { retry: { firstDelayMs: 10, maxDelayMs: 10, attempts: 1 }, queryTimeoutMs: 30_000, logger: captureLogs().logger });

    const started = performance.now();
    const error = await database.readScalar(SLOW_READ[engine], [], 200).catch((caught: unknown) => caught);
    const stoppedAfterMs = performance.now() - started;
    expect(error).toBeInstanceOf(ReadTimeoutError);
    expect((error as ReadTimeoutError).timeoutMs).toBe(200);
    expect(stoppedAfterMs).toBeLessThan(2_000);

    // The next count works (on SQLite, on a new thread once the stopped one has ended), with or without a limit.
    expect(await database.readScalar('SELECT COUNT(*) FROM "orders"', [], 5_000)).toBe(0);
    expect(await database.readScalar('SELECT COUNT(*) FROM "orders"', [])).toBe(0);
    // The limit was the count's alone: a longer statement on the same pool is not cut at 200 ms.
    if (engine === "postgres") {
      const results = await Promise.all(Array.from({ length: 20 }, () => database!.dataSource.query("SELECT pg_sleep(0.3) IS NULL AS slept")));
      expect(results.every((rows) => (rows as Array<{ slept: boolean }>)[0]?.slept === false)).toBe(true);
    }
  });

  it.skipIf(engine === "postgres" && postgresSkipped !== undefined)("lets a read that finishes in time through", async () => {
    db = await createTestDatabase(engine);
    const parsed = parseDatabaseUrl(db.url);
    if (!parsed.ok) throw new Error(parsed.problem);
    database = await openDatabase(parsed.value, { retry: { firstDelayMs: 10, maxDelayMs: 10, attempts: 1 }, queryTimeoutMs: 30_000, logger: captureLogs().logger });
    const values = await Promise.all(Array.from({ length: 5 }, (_, i) => database!.readScalar(`SELECT ${i + 1} + COUNT(*) FROM "orders"`, [], 5_000)));
    expect(values).toEqual([1, 2, 3, 4, 5]);
  });
});
