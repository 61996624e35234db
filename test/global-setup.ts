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
import { makeTestTls } from "./support/test-tls.js";
import { TRANSCRIPTS_DIR } from "./support/transcripts.js";

export default async function setup(): Promise<() => void> {
  rmSync(TRANSCRIPTS_DIR, { recursive: true, force: true });
  // Before any test worker starts: they inherit it, and trust the local identity provider's certificate.
  const tls = await makeTestTls();
  Object.assign(process.env, tls.env);
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
  const reason = await postgresUnavailable();
  console.log(
    reason
      ? `PostgreSQL suites: NOT RUN (${reason}). Set TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test to run them.`
      : `PostgreSQL suites: running against ${process.env.TEST_POSTGRES_URL?.replace(/:[^:@/]*@/, ":***@")}`,
  );
  return () => {
    rmSync(tls.dir, { recursive: true, force: true });
    scanForLeaks();
  };
}

/** Fails the run if any log line or response holds a full card number or a secret value. */
function scanForLeaks(): void {
  if (!existsSync(TRANSCRIPTS_DIR)) return;
  const leaks: string[] = [];
  let lines = 0;
  const counts = { log: 0, response: 0, output: 0 };
  const files = readdirSync(TRANSCRIPTS_DIR);
  // The fixed test secrets, and every token, cookie and client secret the tests made.
  const secrets = new Map<string, string>(Object.entries(TEST_SECRETS).map(([name, value]) => [value, name]));
  for (const file of files.filter((name) => name.endsWith(".secret.txt"))) {
    for (const value of readFileSync(join(TRANSCRIPTS_DIR, file), "utf8").split("\n")) if (value !== "") secrets.set(value, "made by a test");
  }
  for (const file of files.filter((name) => !name.endsWith(".secret.txt"))) {
    const kind = file.split(".")[1] as keyof typeof counts;
    for (const line of readFileSync(join(TRANSCRIPTS_DIR, file), "utf8").split("\n")) {
      if (line === "") continue;
      lines += 1;
      counts[kind] = (counts[kind] ?? 0) + 1;
      if (scrubCardNumbers(line) !== line) leaks.push(`card number in ${file}: ${scrubCardNumbers(line).slice(0, 200)}`);
      for (const [value, name] of secrets) if (line.includes(value)) leaks.push(`secret (${name}) in ${file}: ${value.slice(0, 8)}…`);
    }
  }
  console.log(
    `leak scan: ${lines} lines (${counts.log} log, ${counts.response} responses, ${counts.output} process output) for card numbers and ${secrets.size} secrets: ${leaks.length} leaks`,
  );
  if (leaks.length > 0) throw new Error(`Leak scan failed:\n${leaks.slice(0, 20).join("\n")}`);
}
