import { pino, type Logger } from "pino";
// A CommonJS module: its class is a property of what it exports (Node finds no named ESM export).
import sonicBoom from "sonic-boom";
import type { LogLevel } from "../core/contracts.js";
import { scrubCardNumbers } from "./card-number-scrubber.js";

export type { Logger };
type SonicBoom = InstanceType<typeof sonicBoom.SonicBoom>;

/** The stdout writer behind each logger made here, for the bounded flush before exit, and whether it failed. */
const destinations = new WeakMap<Logger, { stream: SonicBoom; failed: boolean }>();

/**
 * Standard output, written asynchronously. Not pino.destination(): that one registers a
 * synchronous flush for process exit, and sonic-boom's synchronous flush retries a failed write
 * for ever, so a server whose log reader had gone (EPIPE) hung on exit. Here a write error ends
 * the log (nothing more can reach it), and the last flush is asynchronous and bounded
 * (flushLog), so SIGTERM always ends in an exit.
 */
function stdout(): { stream: SonicBoom; failed: boolean } {
  const writer = { stream: new sonicBoom.SonicBoom({ fd: 1, sync: false }), failed: false };
  writer.stream.on("error", () => {
    if (writer.failed) return;
    writer.failed = true;
    writer.stream.destroy();
  });
  return writer;
}

/**
 * JSON lines on stdout. Secrets are redacted by key wherever they appear, and every line
 * passes through the card-number scrubber on its way out.
 */
export function createLogger(level: LogLevel, destination?: NodeJS.WritableStream): Logger {
  const writer = destination ? undefined : stdout();
  const stream = destination ?? writer!.stream;
  const logger = pino(
    {
      level,
      base: { service: "orders" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: [
          "password",
          "*.password",
          "cardNumber",
          "*.cardNumber",
          "*.*.cardNumber",
          "req.headers.authorization",
          "req.headers.cookie",
          "secret",
          "*.secret",
        ],
        censor: "[redacted]",
      },
      hooks: { streamWrite: scrubCardNumbers },
    },
    stream,
  );
  if (writer) destinations.set(logger, writer);
  return logger;
}

/** Writes out what the logger still holds, waiting at most `timeoutMs` (a log reader that is gone or stuck does not hold up an exit). */
export function flushLog(logger: Logger, timeoutMs: number): Promise<void> {
  const writer = destinations.get(logger);
  if (!writer || writer.failed) return Promise.resolve();
  const { stream } = writer;
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    timer.unref();
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    // Not flush(): with sonic-boom's defaults it calls back at once, before a write in progress
    // has left. end() writes what is buffered, and says "close" once all of it has (stdout
    // itself stays open).
    stream.once("close", done);
    stream.once("error", done);
    try {
      stream.end();
    } catch {
      done();
    }
  });
}
