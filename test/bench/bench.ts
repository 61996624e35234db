/**
 * `npm run bench`: a million orders, the built server in production mode as its own process,
 * autocannon over loopback, one scenario after another, against the raw floor and, on
 * PostgreSQL, beside PostGraphile 5 on the same database. Prints a table, the ratios and the
 * budgets; `--json FILE` writes it all. Any error, non-2xx response, GraphQL
 * error or lost write fails the run, and so does a missed budget on a full run.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import type { Request as LoadRequest } from "autocannon";
import { BENCH_USAGE, type BenchOptions, PAGE_SHAPES, parseBenchArgs, type ScenarioName } from "./options.js";
import { ROOT, run, type Started, startOrdersServer, startPostGraphile, startRawFloor } from "./processes.js";
import { budgets, type BenchReport, everyAnsweredWriteStored, formatReport, medians, ratios, versusPostGraphile } from "./report.js";
import { parseDatabaseUrl } from "../../server/config/database-url.js";
import { openDatabase } from "../../server/database/database.js";
import { createLogger } from "../../server/logging/logger.js";
import { startIdentityProvider } from "../idp/identity-provider.js";
import { productionAccess } from "../support/sign-in.js";
import { makeTestTls } from "../support/test-tls.js";
import {
  addOrderRequest,
  API_HEADERS,
  checkSamePages,
  filteredBody,
  listPageBody,
  postgraphilePageBody,
  runLoad,
  type ScenarioResult,
  type Target,
  warmUp,
} from "./scenarios.js";

const SEED = 1;
const UNTIL = "2024-06-30";
/** The raw floor takes no credentials: it is the floor. Nor does PostGraphile, as set up here. */
const JSON_HEADERS = { "content-type": "application/json" };

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function seed(databaseUrl: string, rows: number): Promise<void> {
  log(`seeding ${rows.toLocaleString("en")} orders into ${databaseUrl.replace(/:[^:@/]*@/, ":***@")}`);
  const output = await run(["dist/server/seed/main.js", "--count", String(rows), "--seed", String(SEED), "--until", UNTIL], {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: "warn",
  });
  log(output.trim().split("\n").at(-1) ?? "");
}

/** Applies the service's migrations to a database, as the server would on start-up. */
async function migrate(databaseUrl: string): Promise<void> {
  const parsed = parseDatabaseUrl(databaseUrl);
  if (!parsed.ok) throw new Error(parsed.problem);
  const database = await openDatabase(parsed.value, { retry: { firstDelayMs: 100, maxDelayMs: 100, attempts: 1 }, queryTimeoutMs: 600_000, logger: createLogger("warn") });
  await database.close();
}

/** A seeded SQLite file (kept between runs with --reuse) and a fresh working copy of it for this run. */
async function sqliteDatabase(options: BenchOptions): Promise<string> {
  const dir = join(ROOT, "data", "bench");
  mkdirSync(dir, { recursive: true });
  const seeded = join(dir, `orders-${options.rows}.seeded.sqlite`);
  if (!options.reuse || !existsSync(seeded)) {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(seeded + suffix, { force: true });
    await seed(`sqlite:${seeded}`, options.rows);
  } else {
    log(`reusing ${seeded}`);
    // Seeded before a migration was added: migrated once here, so that no run builds indexes at start-up.
    await migrate(`sqlite:${seeded}`);
  }
  const working = join(dir, `orders-${options.rows}.run.sqlite`);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(working + suffix, { force: true });
  copyFileSync(seeded, working);
  return working;
}

async function postgresDatabase(options: BenchOptions): Promise<{ url: string; count(): Promise<number> }> {
  const name = options.postgresDatabase;
  const admin = new pg.Client({ connectionString: options.postgresUrl });
  await admin.connect();
  const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
  // The name is a plain identifier (options.ts refuses any other).
  if (exists && !options.reuse) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  if (!exists || !options.reuse) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(options.postgresUrl!);
  url.pathname = `/${name}`;
  const count = async () => {
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const result = await client.query("SELECT to_regclass('orders') IS NOT NULL AS present");
      if (!result.rows[0].present) return 0;
      return Number((await client.query("SELECT COUNT(*) AS n FROM orders")).rows[0].n);
    } finally {
      await client.end();
    }
  };
  if ((await count()) < options.rows) await seed(url.toString(), options.rows);
  else {
    log(`reusing the ${name} database`);
    // Seeded before a migration was added: migrated once here, as the SQLite file is.
    await migrate(url.toString());
  }
  // As autovacuum leaves a table some time after a bulk load: statistics for the planner, and a
  // visibility map so that a count can read an index alone. Both servers count; neither should
  // pay for a table that was loaded a moment ago.
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query("VACUUM (ANALYZE) orders").finally(() => client.end());
  return { url: url.toString(), count };
}

/**
 * The scenarios on one engine, in rounds: each round runs every scenario once, so that a
 * passing disturbance of a shared machine touches every scenario alike. The raw floor (on
 * SQLite) and PostGraphile (on PostgreSQL) take their turns in the same rounds, so that their
 * ratios to our stack are measured side by side: PostGraphile right after ours on each page
 * shape, and right before it in the next round.
 */
async function rounds(
  engine: ScenarioResult["engine"],
  server: Started,
  others: { floor?: Started | undefined; postgraphile?: Started | undefined },
  options: BenchOptions,
  countRows: () => Promise<number>,
  report: Pick<BenchReport, "samples" | "addOrderStored">,
): Promise<void> {
  const load = { connections: options.connections, durationSeconds: options.durationSeconds };
  const target = { url: server.url, pid: server.child.pid! };
  const post = (path: string, body: string, headers: Record<string, string> = API_HEADERS): LoadRequest => ({ method: "POST", path, headers, body });
  const wanted = (name: ScenarioName) => options.only.includes(name);
  const { floor, postgraphile } = others;
  const filtered = await filteredBody(server.url);
  // Ten seconds for a real run; a short run (the test suite's smoke run) warms up for less.
  const warmUpSeconds = Math.min(10, options.durationSeconds * 2);
  await warmUp(server.url, [...PAGE_SHAPES.map(listPageBody), filtered].map((body) => post("/graphql", body)), warmUpSeconds, options.connections);
  if (postgraphile) {
    await checkSamePages(server.url, postgraphile.url, { ours: API_HEADERS, postgraphile: JSON_HEADERS });
    await warmUp(postgraphile.url, PAGE_SHAPES.map((shape) => post("/graphql", postgraphilePageBody(shape), JSON_HEADERS)), warmUpSeconds, options.connections);
  }
  const peer = postgraphile && { url: postgraphile.url, pid: postgraphile.child.pid! };
  const stored = { answered: 0, stored: 0 };
  for (let round = 1; round <= options.repeat; round += 1) {
    log(`${engine}: round ${round} of ${options.repeat}`);
    if (floor) {
      const floorTarget = { url: floor.url, pid: floor.child.pid! };
      if (wanted("raw-floor")) report.samples.push(await runLoad("raw-floor", "sqlite", floorTarget, post("/first", "{}", JSON_HEADERS), load));
      // The OFFSET contrast is slow (about 0.1 s of CPU a request, so 16 queued requests wait well over a
      // second each): once is enough to make its point, with a timeout long enough not to count them as errors.
      if (wanted("raw-offset-last") && round === 1) {
        report.samples.push(await runLoad("raw-offset-last", "sqlite", floorTarget, post("/offset-last", "{}", JSON_HEADERS), { ...load, timeoutSeconds: 60 }));
      }
    }
    for (const shape of PAGE_SHAPES) {
      const turns: Array<{ scenario: ScenarioName; at: Target; request: LoadRequest }> = [
        { scenario: shape.ours, at: target, request: post("/graphql", listPageBody(shape)) },
      ];
      if (peer) turns.push({ scenario: shape.postgraphile, at: peer, request: post("/graphql", postgraphilePageBody(shape), JSON_HEADERS) });
      for (const { scenario, at, request } of round % 2 === 1 ? turns : turns.reverse()) {
        if (wanted(scenario)) report.samples.push(await runLoad(scenario, engine, at, request, load));
      }
    }
    if (wanted("list-filtered")) report.samples.push(await runLoad("list-filtered", engine, target, post("/graphql", filtered), load));
    if (wanted("add-order")) {
      let before = 0;
      // The warm-up's last requests may still be committing when it returns: count once they have.
      const result = await runLoad("add-order", engine, target, addOrderRequest(`${engine}-${Date.now()}`), load, async () => {
        before = await settledCount(countRows);
      });
      report.samples.push(result);
      stored.answered += result.responses2xx - result.graphqlErrors;
      stored.stored += (await settledCount(countRows)) - before;
    }
  }
  if (wanted("add-order")) report.addOrderStored[engine] = stored;
}

/** The row count once writes have stopped arriving: the same figure twice, a quarter of a second apart. */
async function settledCount(countRows: () => Promise<number>): Promise<number> {
  let previous = await countRows();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await countRows();
    if (now === previous) return now;
    previous = now;
  }
}

async function main(): Promise<number> {
  const reading = parseBenchArgs(process.argv.slice(2), process.env);
  if (!reading.ok) {
    log(`${reading.problems.map((problem) => `bench: ${problem}`).join("\n")}\n\n${BENCH_USAGE}`);
    return 2;
  }
  const options = reading.options;
  const report: BenchReport = {
    rows: options.rows,
    connections: options.connections,
    durationSeconds: options.durationSeconds,
    repeat: options.repeat,
    machine: { cpus: cpus().length, node: process.versions.node },
    startupMs: {},
    scenarios: [],
    samples: [],
    addOrderStored: {},
    ratios: {},
    versusPostGraphile: [],
    budgets: [],
    failures: [],
  };

  const file = await sqliteDatabase(options);
  const countSqlite = async () => {
    const db = new Sqlite(file, { readonly: true });
    try {
      return (db.prepare("SELECT COUNT(*) AS n FROM orders").get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  const floor = options.only.some((name) => name.startsWith("raw-")) ? await startRawFloor(file) : undefined;
  const withPostGraphile = options.only.some((name) => name.startsWith("postgraphile-"));

  const engines: Array<{ engine: ScenarioResult["engine"]; url: string; count: () => Promise<number> }> = [
    { engine: "sqlite", url: `sqlite:${file}`, count: countSqlite },
  ];
  if (options.postgresUrl) {
    const postgres = await postgresDatabase(options);
    engines.push({ engine: "postgres", url: postgres.url, count: postgres.count });
  }
  // Production signs every caller in: a local OpenID provider, and a tool's access token on every request.
  const tls = await makeTestTls();
  const idp = await startIdentityProvider({
    key: readFileSync(tls.env.TEST_TLS_KEY_FILE!, "utf8"),
    cert: readFileSync(tls.env.TEST_TLS_CERT_FILE!, "utf8"),
    accessTokenTtlSeconds: 6 * 3600,
  });
  const access = await productionAccess(idp);
  Object.assign(API_HEADERS, access.headers);
  const serverEnv = { ...access.env, NODE_EXTRA_CA_CERTS: tls.env.NODE_EXTRA_CA_CERTS! };
  try {
    for (const { engine, url, count } of engines) {
      log(`starting the server on ${engine}`);
      const server = await startOrdersServer(url, serverEnv, options.profileDir);
      report.startupMs[engine] = server.startupMs;
      let postgraphile: Started | undefined;
      try {
        if (engine === "postgres" && withPostGraphile) {
          log("starting PostGraphile on the same database");
          postgraphile = await startPostGraphile(url);
          report.startupMs.postgraphile = postgraphile.startupMs;
        }
        await rounds(engine, server, engine === "sqlite" ? { floor } : { postgraphile }, options, count, report);
      } finally {
        const code = await server.stop();
        if (code !== 0) report.failures.push(`the ${engine} server exited with code ${code} on SIGTERM:\n${server.output().slice(-2_000)}`);
        const peerCode = await postgraphile?.stop();
        if (postgraphile && peerCode !== 0) {
          report.failures.push(`PostGraphile exited with code ${peerCode} on SIGTERM:\n${postgraphile.output().slice(-2_000)}`);
        }
      }
    }
  } finally {
    await floor?.stop();
    await idp.stop();
    rmSync(tls.dir, { recursive: true, force: true });
  }

  report.scenarios = medians(report.samples);
  report.ratios = ratios(report);
  report.versusPostGraphile = versusPostGraphile(report);
  for (const result of report.scenarios) {
    if (result.errors + result.non2xx + result.graphqlErrors > 0) {
      report.failures.push(`${result.scenario} on ${result.engine}: ${result.errors} errors, ${result.non2xx} non-2xx, ${result.graphqlErrors} GraphQL errors`);
    }
  }
  for (const [engine, writes] of Object.entries(report.addOrderStored)) {
    if (!everyAnsweredWriteStored(writes, options)) report.failures.push(`add-order on ${engine}: ${writes.answered} answered 2xx but ${writes.stored} stored`);
  }
  const fullRun = options.rows >= 1_000_000 && options.connections === 16 && options.durationSeconds >= 10;
  report.budgets = budgets(report);
  if (fullRun) for (const budget of report.budgets) if (!budget.met) report.failures.push(`budget missed: ${budget.budget} (${budget.value})`);

  process.stdout.write(`${formatReport(report)}\n`);
  if (!fullRun) process.stdout.write("(budgets apply to the full run: 1,000,000 rows, 16 connections, 10 s per scenario)\n");
  if (options.json) writeFileSync(options.json, JSON.stringify(report, null, 2));
  return report.failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`bench: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
