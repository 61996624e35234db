/**
 * The real server for browser tests: API and built client together, on a free port, over a
 * real database (a fresh SQLite file unless a URL is given) seeded with synthetic orders.
 */
import type { RunningServer } from "../../server/server.js";
import { createTestDatabase, seedTestDatabase, type TestDatabase } from "../support/databases.js";
import { type GraphQLResult, startTestServer, type TestServer } from "../support/test-server.js";

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
  let server: TestServer;
  try {
    server = await startTestServer(options.databaseUrl ?? database!.url, { LOG_LEVEL: "warn", ...options.env }, { clientDir: options.clientDir });
  } catch (error) {
    await database?.drop();
    throw error;
  }
  return {
    url: server.url,
    running: server.running,
    ...(database ? { database } : {}),
    logs: server.logs,
    graphql: (query, variables) => server.graphql(query, variables),
    async stop() {
      await server.stop();
      await database?.drop();
    },
  };
}
