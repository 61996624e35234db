/**
 * The real server for browser tests: API and built client together, on a free port, over a
 * real database (a fresh SQLite file unless a URL is given) seeded with synthetic orders.
 */
import { loadConfig } from "../../server/config/config.js";
import { type RunningServer, startServer } from "../../server/server.js";
import { createTestDatabase, seedTestDatabase, type TestDatabase } from "../support/databases.js";
import { captureLogs } from "../support/log-capture.js";
import { type GraphQLResult, postGraphQL } from "../support/test-server.js";

export interface WebServer {
  url: string;
  running: RunningServer;
  /** The fresh database, when this starter made one (direct SQL for checks). */
  database?: TestDatabase;
  logs: string[];
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  stop(): Promise<void>;
}

export interface WebServerOptions {
  clientDir: string;
  /** Synthetic orders to add to a fresh database. */
  orders?: number;
  seed?: number;
  /** The last order date of the synthetic orders (default: today). */
  until?: Date;
  /** An existing database to serve instead of a fresh SQLite file (nothing is added to it). */
  databaseUrl?: string;
  env?: Record<string, string>;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const database = options.databaseUrl ? undefined : await createTestDatabase("sqlite");
  // Seeded before the server starts, as a database with orders is met in life (and so the count it warms is right).
  if (database && options.orders) {
    await seedTestDatabase(database.url, { count: options.orders, seed: options.seed ?? 20_240_531, until: options.until ?? new Date() });
  }
  const config = loadConfig({
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: "0",
    SEED_DEMO: "false",
    LOG_LEVEL: "warn",
    DATABASE_URL: options.databaseUrl ?? database!.url,
    DB_RETRY_FIRST_DELAY_MS: "100",
    DB_RETRY_MAX_DELAY_MS: "500",
    DB_RETRY_ATTEMPTS: "3",
    ...options.env,
  });
  const { logger, lines } = captureLogs();
  let running: RunningServer;
  try {
    running = await startServer(config, { logger, clientDir: options.clientDir });
  } catch (error) {
    await database?.drop();
    throw error;
  }
  return {
    url: running.url,
    running,
    ...(database ? { database } : {}),
    logs: lines,
    async graphql<T>(query: string, variables?: Record<string, unknown>) {
      const { text: _text, ...result } = await postGraphQL<T>(running.url, query, variables);
      return result;
    },
    async stop() {
      await running.stop();
      await database?.drop();
    },
  };
}
