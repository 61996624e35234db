/**
 * The configured database, opened for a command-line tool (`npm run seed`, `npm run
 * redact-cards`) as the server opens it: DATABASE_URL or Key Vault, the same retries and query
 * timeout, migrations applied; warnings only, unless LOG_LEVEL asks for less. A bad setting is
 * printed (what is wrong and how to mend it) and the tool is to exit 1.
 */
import { ConfigError, loadConfig } from "../config/config.js";
import { describeDatabase } from "../config/database-url.js";
import { resolveDatabaseSettings } from "../config/resolve-database.js";
import { createLogger } from "../logging/logger.js";
import { type Database, openDatabase } from "./database.js";

export type ToolDatabase =
  | { ok: true; database: Database; description: string; queryTimeoutMs: number }
  | { ok: false; exitCode: 1 };

export async function openToolDatabase(): Promise<ToolDatabase> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return { ok: false, exitCode: 1 };
    }
    throw error;
  }
  const logger = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
  const settings = await resolveDatabaseSettings(config.database, { logger });
  const database = await openDatabase(settings, { retry: config.dbRetry, queryTimeoutMs: config.dbQueryTimeoutMs, logger });
  return { ok: true, database, description: describeDatabase(settings), queryTimeoutMs: config.dbQueryTimeoutMs };
}
