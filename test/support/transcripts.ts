/**
 * Everything the servers under test logged or answered, kept on disk for the run's final leak
 * scan (test/global-setup.ts): no log line and no response may hold a full card number or a
 * secret value.
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const TRANSCRIPTS_DIR = fileURLToPath(new URL("../../test-results/transcripts/", import.meta.url));

let ready = false;

export function recordTranscript(kind: "log" | "response" | "output", text: string): void {
  if (!ready) {
    mkdirSync(TRANSCRIPTS_DIR, { recursive: true });
    ready = true;
  }
  appendFileSync(join(TRANSCRIPTS_DIR, `${process.pid}.${kind}.txt`), text.endsWith("\n") ? text : `${text}\n`);
}
