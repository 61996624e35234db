/** The server process once its code is loaded (main.ts loads it): read the configuration, start the server, drain on SIGTERM. */
import { fileURLToPath } from "node:url";
import { ConfigError, loadConfig } from "./config/config.js";
import { createLogger, flushLog } from "./logging/logger.js";
import { startServer } from "./server.js";

const CLIENT_DIR = fileURLToPath(new URL("../client/", import.meta.url));
/** The longest the last log lines may take to leave before the process exits (a reader that is gone or stuck must not hold it). */
const FINAL_FLUSH_MS = 1_000;

/** Resolves once the server listens, with its signal handlers in place; exits the process when it cannot start. */
export async function serve(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Before a logger exists: one JSON line for the log pipeline, the same words for a person.
    process.stdout.write(JSON.stringify({ level: "fatal", time: new Date().toISOString(), msg: error.message }) + "\n");
    process.stderr.write(error.message + "\n");
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  const exit = (code: number): Promise<never> => flushLog(logger, FINAL_FLUSH_MS).then(() => process.exit(code));
  const fail = (error: unknown): Promise<never> => {
    logger.fatal({ err: { message: (error as Error).message } }, (error as Error).message);
    process.stderr.write(`${(error as Error).message}\n`);
    return exit(1);
  };
  const server = await startServer(config, { logger, clientDir: CLIENT_DIR }).catch(fail);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, timeoutMs: config.shutdownTimeoutMs }, "stopping: draining requests in flight");
    // The last log lines get their bounded flush within this time too: the exit comes in SHUTDOWN_TIMEOUT_MS whatever stdout does.
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, "requests still in flight after SHUTDOWN_TIMEOUT_MS; exiting anyway");
      void exit(1);
    }, Math.max(config.shutdownTimeoutMs - FINAL_FLUSH_MS, 0));
    deadline.unref();
    server.stop().then(
      () => {
        logger.info("stopped");
        void exit(0);
      },
      (error: unknown) => void fail(error),
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
