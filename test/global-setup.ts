/**
 * Once per test run: compile the server (tests that start it as a process run the real build),
 * and say plainly whether the PostgreSQL suites will run.
 */
import { execFileSync } from "node:child_process";
import { postgresUnavailable } from "./support/databases.js";

export default async function setup(): Promise<void> {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
  const reason = await postgresUnavailable();
  console.log(
    reason
      ? `PostgreSQL suites: NOT RUN (${reason}). Set TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test to run them.`
      : `PostgreSQL suites: running against ${process.env.TEST_POSTGRES_URL?.replace(/:[^:@/]*@/, ":***@")}`,
  );
}
