/**
 * The real server, started in-process on a free port against a real database, and a small
 * GraphQL client for it (JSON POST, as the web client sends).
 */
import { afterAll, beforeAll } from "vitest";
import { loadConfig } from "../../server/config/config.js";
import { type RunningServer, startServer } from "../../server/server.js";
import { createTestDatabase, type EngineName, seedTestDatabase, type TestDatabase } from "./databases.js";
import { captureLogs } from "./log-capture.js";
import { recordTranscript } from "./transcripts.js";

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> & { code?: string; fieldErrors?: Array<{ field: string; message: string }> } }>;
}

export interface TestServer {
  url: string;
  running: RunningServer;
  logs: string[];
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  /** Every response body this server sent to the tests, for leak checks. */
  responses: string[];
  stop(): Promise<void>;
}

/** One GraphQL request as the web client sends it (a JSON POST); the answer is kept for the leak scan. */
export async function postGraphQL<T>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResult<T> & { text: string }> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  recordTranscript("response", text);
  return { status: response.status, text, ...(JSON.parse(text) as Omit<GraphQLResult<T>, "status">) };
}

/**
 * The server on a database, configured as in production but for short retries; `clientDir`
 * serves a built web client too; `headers` go with every GraphQL request (a bearer token).
 */
export async function startTestServer(
  databaseUrl: string,
  env: Record<string, string> = {},
  options: { clientDir?: string; headers?: Record<string, string> } = {},
): Promise<TestServer> {
  const config = loadConfig({
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: "0",
    SEED_DEMO: "false",
    // Rate limiting is off in tests, but for the tests of rate limiting.
    RATE_LIMIT_PER_MINUTE: "0",
    DATABASE_URL: databaseUrl,
    DB_RETRY_FIRST_DELAY_MS: "100",
    DB_RETRY_MAX_DELAY_MS: "500",
    DB_RETRY_ATTEMPTS: "3",
    ...env,
  });
  const { logger, lines } = captureLogs();
  const running = await startServer(config, { logger, ...(options.clientDir ? { clientDir: options.clientDir } : {}) });
  const responses: string[] = [];
  return {
    url: running.url,
    running,
    logs: lines,
    responses,
    async graphql<T>(query: string, variables?: Record<string, unknown>) {
      const { text, ...result } = await postGraphQL<T>(running.url, query, variables, options.headers);
      responses.push(text);
      return result;
    },
    stop: () => running.stop(),
  };
}

/**
 * A fresh database and a server on it for the tests of one `describe` (optionally seeded
 * before the server starts), stopped and dropped afterwards. `skip` leaves both unmade.
 */
export function serverForSuite(
  engine: EngineName,
  options: { skip?: boolean; seed?: { count: number; seed: number; until: Date }; env?: Record<string, string> } = {},
): { readonly db: TestDatabase; readonly server: TestServer } {
  const made: { db?: TestDatabase; server?: TestServer } = {};
  beforeAll(async () => {
    if (options.skip) return;
    made.db = await createTestDatabase(engine);
    if (options.seed) await seedTestDatabase(made.db.url, options.seed);
    made.server = await startTestServer(made.db.url, options.env);
  });
  afterAll(async () => {
    await made.server?.stop();
    await made.db?.drop();
  });
  return {
    get db() {
      return made.db!;
    },
    get server() {
      return made.server!;
    },
  };
}
