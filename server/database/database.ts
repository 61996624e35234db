import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DataSource, type DataSourceOptions } from "typeorm";
import { describeDatabase, type DatabaseSettings } from "../config/database-url.js";
import { ORDER_TABLE } from "../core/order-table.js";
import type { Logger } from "../logging/logger.js";
import { createDialect, type SqlDialect } from "./dialect.js";
import { CreateOrdersTable1716800000000 } from "./migrations/1716800000000-create-orders-table.js";
import { AddOrderListIndexes1716800000001 } from "./migrations/1716800000001-add-order-list-indexes.js";
import { CreateSessionsTable1716800000002 } from "./migrations/1716800000002-create-sessions-table.js";
import { CreateOrderAdditionsTable1716800000003 } from "./migrations/1716800000003-create-order-additions-table.js";
import { AddCaseInsensitiveIndexes1716800000004 } from "./migrations/1716800000004-add-case-insensitive-indexes.js";
import { buildMssqlOptions } from "./mssql-options.js";
import { isPostgresStatementTimeout, raceTimeout, ReadTimeoutError } from "./read-timeout.js";
import { OrderEntity } from "./order.entity.js";
import type { SqlStatement } from "./sql-statement.js";
import { type GroupCommit, groupCommit } from "./sqlite-group-commit.js";
import { type SqliteReader, startSqliteReader } from "./sqlite-reader.js";
import { preparedStatements, type SqliteConnection } from "./sqlite-statements.js";
import { readTableShape, type TableShape } from "./table-shape.js";
import { type Backoff, retryTransient } from "./transient-errors.js";

const MIGRATIONS = [
  CreateOrdersTable1716800000000,
  AddOrderListIndexes1716800000001,
  CreateSessionsTable1716800000002,
  CreateOrderAdditionsTable1716800000003,
  AddCaseInsensitiveIndexes1716800000004,
];
/** Not TypeORM's default `migrations`: the legacy database may use that name for something else. */
const MIGRATIONS_TABLE = "orders_service_migrations";

export interface DatabaseOptions {
  /** Connection attempts that fail for a transient reason are retried with this backoff. */
  retry: Backoff;
  queryTimeoutMs: number;
  logger: Logger;
}

/** An open, migrated database, with what the order queries need to know about it. */
export interface Database {
  readonly settings: DatabaseSettings;
  readonly dataSource: DataSource;
  readonly dialect: SqlDialect;
  readonly shape: TableShape;
  /**
   * The rows of a read. Its statement is prepared once rather than on every request (the list's
   * statements come in a few shapes, their values always as parameters): on SQLite on the
   * server's one connection (see sqlite-statements.ts), on PostgreSQL under a name of its own on
   * each connection.
   */
  read<T>(statement: SqlStatement): Promise<T[]>;
  /** Resolves when the database answers a trivial query within the timeout. */
  ping(timeoutMs: number): Promise<void>;
  /**
   * The first column of the first row of a read that may take long (a count over the whole
   * table). On SQLite it runs on a worker thread, so it does not stop other requests. A read
   * still running after `timeoutMs` (when given: otherwise DB_QUERY_TIMEOUT_MS) is stopped, and
   * fails with a ReadTimeoutError.
   */
  readScalar(sql: string, params: readonly unknown[], timeoutMs?: number): Promise<number>;
  /**
   * One write: its statements are stored together, or (on any error) none of them. On SQLite,
   * writes that arrive together share one commit (see sqlite-group-commit.ts); on PostgreSQL
   * they are named prepared statements, as reads are.
   */
  write(statements: readonly SqlStatement[]): Promise<void>;
  /** SQLite only: a number that changes when another connection (another process) commits. */
  changeMarker?: () => Promise<number>;
  close(): Promise<void>;
}

function dataSourceOptions(settings: DatabaseSettings, queryTimeoutMs: number): DataSourceOptions {
  const common = {
    entities: [OrderEntity],
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: "each" as const,
    logging: false,
    synchronize: false,
  };
  switch (settings.kind) {
    case "sqlite":
      return {
        ...common,
        type: "better-sqlite3",
        database: settings.file,
        enableWAL: true,
        statementCacheSize: 200,
        prepareDatabase: (db: { pragma(source: string): unknown }) => {
          db.pragma("busy_timeout = 5000");
          // Safe with WAL: a power cut may lose the last commits, never corrupt the file.
          db.pragma("synchronous = NORMAL");
          db.pragma("cache_size = -16000");
        },
      };
    case "postgres":
      return {
        ...common,
        type: "postgres",
        url: settings.url,
        extra: {
          max: 20,
          // Also the longest a request waits for a free connection when all are busy: as long as
          // GraphQL gives a request by default (GRAPHQL_TIMEOUT_MS), so a burst queues instead of failing.
          connectionTimeoutMillis: 10_000,
          idleTimeoutMillis: 30_000,
          statement_timeout: queryTimeoutMs,
          query_timeout: queryTimeoutMs + 1_000,
          application_name: "orders",
          // Dates are read and compared as UTC text (see dialect.ts), whatever the server's zone. Reads
          // are named prepared statements (read() below), parsed once per connection but planned for
          // their values each time: a plan made for no values in particular could pick another index.
          options: "-c TimeZone=UTC -c plan_cache_mode=force_custom_plan",
        },
      };
    case "mssql":
      return { ...common, ...buildMssqlOptions(settings, { connectMs: 15_000, queryMs: queryTimeoutMs }) };
  }
}

export async function openDatabase(settings: DatabaseSettings, options: DatabaseOptions): Promise<Database> {
  const { logger } = options;
  const name = describeDatabase(settings);
  if (settings.kind === "sqlite" && settings.file !== ":memory:") mkdirSync(dirname(settings.file), { recursive: true });
  const dataSource = await retryTransient(
    async () => {
      const candidate = new DataSource(dataSourceOptions(settings, options.queryTimeoutMs));
      try {
        return await candidate.initialize();
      } catch (error) {
        if (candidate.isInitialized) await candidate.destroy().catch(() => undefined);
        throw error;
      }
    },
    options.retry,
    (error, attempt, delayMs) =>
      logger.warn({ database: name, attempt, retryInMs: delayMs, err: errorSummary(error) }, "database not reachable yet; will retry"),
  ).catch((error: unknown) => {
    throw new Error(`Cannot connect to the database ${name}: ${errorSummary(error)}`, { cause: error });
  });

  try {
    const applied = await dataSource.runMigrations({ transaction: "each" });
    for (const migration of applied) logger.info({ migration: migration.name }, "migration applied");
    const shape = await readTableShape(dataSource, ORDER_TABLE);
    const dialect = createDialect(settings.kind, shape);
    const reader: SqliteReader | undefined =
      settings.kind === "sqlite" && settings.file !== ":memory:" ? startSqliteReader(settings.file) : undefined;
    const sqlite = settings.kind === "sqlite" ? (dataSource.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection : undefined;
    const commitTogether: GroupCommit | undefined = sqlite ? groupCommit(sqlite) : undefined;
    const sqliteStatement = sqlite ? preparedStatements(sqlite) : undefined;
    const pool = settings.kind === "postgres" ? (dataSource.driver as unknown as { master: PostgresPool }).master : undefined;
    const named = statementNamer();
    return {
      settings,
      dataSource,
      dialect,
      shape,
      async read<T>(statement: SqlStatement) {
        if (sqliteStatement) return sqliteStatement(statement.sql).all(...statement.params) as T[];
        if (!pool) return (await dataSource.query(statement.sql, statement.params)) as T[];
        return (await pool.query(named(statement))).rows as T[];
      },
      async ping(timeoutMs) {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the database did not answer within ${timeoutMs} ms`)), timeoutMs);
        });
        try {
          await Promise.race([dataSource.query("SELECT 1 AS ok"), timeout]);
        } finally {
          clearTimeout(timer);
        }
      },
      async readScalar(sql, params, timeoutMs) {
        if (reader) return reader.scalar(sql, params, timeoutMs);
        const firstValue = (rows: unknown) => Number(Object.values((rows as Array<Record<string, unknown>>)[0] ?? {})[0] ?? 0);
        if (timeoutMs === undefined) return firstValue(await dataSource.query(sql, [...params]));
        if (pool) {
          // The server stops the statement itself, and frees the connection at once.
          try {
            return await postgresTransaction(pool, async (client) => {
              await client.query(`SET LOCAL statement_timeout = ${Math.trunc(timeoutMs)}`);
              return firstValue((await client.query(named({ sql, params: [...params] }))).rows);
            });
          } catch (error) {
            throw isPostgresStatementTimeout(error) ? new ReadTimeoutError(timeoutMs) : error;
          }
        }
        // SQL Server has no per-statement limit to set: the caller stops waiting, and the
        // statement ends at the driver's request timeout (DB_QUERY_TIMEOUT_MS) at the latest.
        return raceTimeout(dataSource.query(sql, [...params]).then(firstValue), timeoutMs);
      },
      ...(sqliteStatement
        ? { changeMarker: async () => Number((sqliteStatement("PRAGMA data_version").all() as Array<{ data_version: number }>)[0]?.data_version) }
        : {}),
      async write(statements) {
        if (commitTogether) return commitTogether(statements);
        if (pool) return writeOnPostgres(pool, named, statements);
        if (statements.length === 1) {
          await dataSource.query(statements[0]!.sql, statements[0]!.params);
          return;
        }
        await dataSource.transaction(async (manager) => {
          for (const statement of statements) await manager.query(statement.sql, statement.params);
        });
      },
      async close() {
        await reader?.close();
        if (dataSource.isInitialized) await dataSource.destroy();
      },
    };
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw new Error(`Cannot prepare the database ${name}: ${errorSummary(error)}`, { cause: error });
  }
}

/** A pg query, with a name when it is prepared once per connection and kept there (see statementNamer). */
interface PostgresQuery {
  name?: string;
  text: string;
  values: unknown[];
}

/** The parts of pg's Pool (the one TypeORM opened) and of its connections used here. */
interface PostgresPool {
  query(query: PostgresQuery): Promise<{ rows: unknown[] }>;
  connect(): Promise<PostgresConnection>;
}

interface PostgresConnection {
  query(query: PostgresQuery | string): Promise<{ rows: unknown[] }>;
  release(destroy?: Error | boolean): void;
}

/**
 * Each connection keeps every statement it has prepared until it closes. The statements come in
 * a bounded number of shapes (sort, filters given, direction, cursor), but only the first this
 * many texts get a name, so that no sequence of requests can fill the server's memory with them:
 * a later text is sent unnamed, parsed each time, as every statement was before.
 */
const MOST_NAMED_STATEMENTS = 200;

/** The query for a statement, named by its text: the same text always the same name, another text another name. */
function statementNamer(): (statement: SqlStatement) => PostgresQuery {
  const names = new Map<string, string>();
  return ({ sql, params }) => {
    let name = names.get(sql);
    if (name === undefined && names.size < MOST_NAMED_STATEMENTS) {
      name = `orders_${createHash("sha256").update(sql).digest("base64url").slice(0, 32)}`;
      names.set(sql, name);
    }
    return name === undefined ? { text: sql, values: params } : { name, text: sql, values: params };
  };
}

/** One write on PostgreSQL: a single statement on its own, several in one transaction. */
async function writeOnPostgres(pool: PostgresPool, named: (statement: SqlStatement) => PostgresQuery, statements: readonly SqlStatement[]): Promise<void> {
  if (statements.length === 1) {
    await pool.query(named(statements[0]!));
    return;
  }
  await postgresTransaction(pool, async (client) => {
    for (const statement of statements) await client.query(named(statement));
  });
}

/** `work` in a transaction of its own pooled connection: committed, or (on any error) rolled back. */
async function postgresTransaction<T>(pool: PostgresPool, work: (client: PostgresConnection) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  /** Set when the connection itself may be unusable (it could not even roll back): the pool closes it instead of lending it again. */
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}

/** A driver error reduced to what a person can act on: its code and message, never its parameters. */
function errorSummary(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" || typeof code === "number" ? `${error.message} (${code})` : error.message;
}
