/** `npm start`: read the configuration, start the server, drain on SIGTERM. */
import { fileURLToPath } from "node:url";
import { ConfigError, loadConfig } from "./config/config.js";
import { createLogger } from "./logging/logger.js";
import { startServer } from "./server.js";

const CLIENT_DIR = fileURLToPath(new URL("../client/", import.meta.url));

async function main(): Promise<void> {
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
  const fail = (error: unknown): never => {
    logger.fatal({ err: { message: (error as Error).message } }, (error as Error).message);
    logger.flush();
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  };
  const server = await startServer(config, { logger, clientDir: CLIENT_DIR }).catch(fail);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, timeoutMs: config.shutdownTimeoutMs }, "stopping: draining requests in flight");
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, "requests still in flight after SHUTDOWN_TIMEOUT_MS; exiting anyway");
      logger.flush();
      process.exit(1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    server.stop().then(
      () => {
        logger.info("stopped");
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => fail(error),
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
