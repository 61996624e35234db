import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../server/logging/logger.js";

/** A logger whose JSON lines are kept in memory, so tests can read exactly what was logged. */
export function captureLogs(): { logger: Logger; lines: string[]; text(): string } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  return { logger: createLogger("debug", sink), lines, text: () => lines.join("\n") };
}
