import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../server/logging/logger.js";
import { recordTranscript } from "./transcripts.js";

/** A logger whose JSON lines are kept in memory, so tests can read exactly what was logged. */
export function captureLogs(): { logger: Logger; lines: string[]; text(): string } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const text = chunk.toString("utf8");
      lines.push(...text.split("\n").filter(Boolean));
      recordTranscript("log", text);
      done();
    },
  });
  return { logger: createLogger("debug", sink), lines, text: () => lines.join("\n") };
}
