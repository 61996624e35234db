import { pino, type Logger } from "pino";
import type { LogLevel } from "../core/contracts.js";
import { scrubCardNumbers } from "./card-number-scrubber.js";

export type { Logger };

/**
 * JSON lines on stdout. Secrets are redacted by key wherever they appear, and every line
 * passes through the card-number scrubber on its way out.
 */
export function createLogger(level: LogLevel, destination?: NodeJS.WritableStream): Logger {
  return pino(
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
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
