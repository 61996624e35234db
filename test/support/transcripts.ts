/**
 * Everything the servers under test logged or answered, kept on disk for the run's final leak
 * scan (test/global-setup.ts): no log line and no response may hold a full card number or a
 * secret value.
 */
import { mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const TRANSCRIPTS_DIR = fileURLToPath(new URL("../../test-results/transcripts/", import.meta.url));

/** One file per kind of text, opened once for appending (a log line or an answer is written thousands of times a run). */
const files = new Map<string, number>();

export function recordTranscript(kind: "log" | "response" | "output" | "secret", text: string): void {
  let file = files.get(kind);
  if (file === undefined) {
    mkdirSync(TRANSCRIPTS_DIR, { recursive: true });
    file = openSync(join(TRANSCRIPTS_DIR, `${process.pid}.${kind}.txt`), "a");
    files.set(kind, file);
  }
  writeSync(file, text.endsWith("\n") ? text : `${text}\n`);
}

/**
 * A value made during the run that must never appear in a log line, an answer or a process's
 * output (an access token, a session cookie, a client secret): the leak scan looks for each.
 */
export function recordSecret(value: string): void {
  if (value.length >= 16) recordTranscript("secret", value.replaceAll("\n", " "));
}
