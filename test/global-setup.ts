/**
 * Once per test run: compile the server (tests that start it as a process run the real build),
 * and say plainly whether the PostgreSQL suites will run. At the end: the leak scan, over every
 * log line and response the servers under test produced.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { scrubCardNumbers } from "../server/logging/card-number-scrubber.js";
import { postgresUnavailable } from "./support/databases.js";
import { TEST_SECRETS } from "./support/secrets.js";
import { TRANSCRIPTS_DIR } from "./support/transcripts.js";

export default async function setup(): Promise<() => void> {
  rmSync(TRANSCRIPTS_DIR, { recursive: true, force: true });
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
  const reason = await postgresUnavailable();
  console.log(
    reason
      ? `PostgreSQL suites: NOT RUN (${reason}). Set TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test to run them.`
      : `PostgreSQL suites: running against ${process.env.TEST_POSTGRES_URL?.replace(/:[^:@/]*@/, ":***@")}`,
  );
  return scanForLeaks;
}

/** Fails the run if any log line or response holds a full card number or a secret value. */
function scanForLeaks(): void {
  if (!existsSync(TRANSCRIPTS_DIR)) return;
  const leaks: string[] = [];
  let lines = 0;
  const counts = { log: 0, response: 0, output: 0 };
  for (const file of readdirSync(TRANSCRIPTS_DIR)) {
    const kind = file.split(".")[1] as keyof typeof counts;
    for (const line of readFileSync(join(TRANSCRIPTS_DIR, file), "utf8").split("\n")) {
      if (line === "") continue;
      lines += 1;
      counts[kind] = (counts[kind] ?? 0) + 1;
      if (scrubCardNumbers(line) !== line) leaks.push(`card number in ${file}: ${scrubCardNumbers(line).slice(0, 200)}`);
      for (const [name, value] of Object.entries(TEST_SECRETS)) if (line.includes(value)) leaks.push(`secret ${name} in ${file}`);
    }
  }
  console.log(`leak scan: ${lines} lines (${counts.log} log, ${counts.response} responses, ${counts.output} process output): ${leaks.length} leaks`);
  if (leaks.length > 0) throw new Error(`Leak scan failed:\n${leaks.slice(0, 20).join("\n")}`);
}
