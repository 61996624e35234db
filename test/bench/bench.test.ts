/**
 * The benchmark, tiny, so that the script cannot rot: every scenario runs and reports, with
 * no errors and no lost writes; with PostgreSQL (TEST_POSTGRES_URL), on it too, beside
 * PostGraphile, in a database of its own. No timing is asserted here (these machines are
 * shared); the figures come from `npm run bench`.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { parseBenchArgs, SCENARIOS } from "./options.js";
import type { BenchReport } from "./report.js";
import { POSTGRES_URL, postgresUnavailable } from "../support/databases.js";
import { runNode } from "../support/server-process.js";

const dir = mkdtempSync(join(tmpdir(), "orders-bench-"));
const postgresDatabase = `orders_bench_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (await postgresUnavailable()) return;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${postgresDatabase} WITH (FORCE)`).finally(() => admin.end());
});

describe("npm run bench", () => {
  it("reads its flags strictly", () => {
    expect(parseBenchArgs(["--quick"], {})).toMatchObject({ ok: true, options: { rows: 100_000, durationSeconds: 5, connections: 16 } });
    expect(parseBenchArgs(["--rows", "1_000_000", "--only", "list-first,raw-floor", "--json=x.json"], { BENCH_POSTGRES_URL: "postgres://h/db" })).toMatchObject({
      ok: true,
      options: { rows: 1_000_000, only: ["list-first", "raw-floor"], json: "x.json", postgresUrl: "postgres://h/db", postgresDatabase: "orders_bench" },
    });
    expect(parseBenchArgs(["--postgres-database", "bench_2"], {})).toMatchObject({ ok: true, options: { postgresDatabase: "bench_2" } });
    expect(parseBenchArgs(["--profile", "data/profiles"], {})).toMatchObject({ ok: true, options: { profileDir: "data/profiles" } });
    expect(parseBenchArgs(["--profile"], {})).toMatchObject({ ok: false, problems: ["--profile needs a value"] });
    const bad = parseBenchArgs(["--rows", "many", "--only", "everything", "--fast", "--postgres-database", "x; DROP"], {});
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect([...bad.problems].sort()).toEqual(
        [
          'unknown argument "--fast"',
          '--rows must be a whole number from 100 to 20,000,000 (got "many")',
          `--only: no scenario "everything" (there are ${SCENARIOS.join(", ")})`,
          '--postgres-database must be a plain name: lower-case letters, digits and _, starting with a letter or _ (got "x; DROP")',
        ].sort(),
      );
    }
  });

  it("runs every scenario on a small database and reports them", { timeout: 240_000 }, async () => {
    const withPostgres = (await postgresUnavailable()) === undefined;
    const json = join(dir, "bench.json");
    const args = ["test/bench/bench.ts", "--rows", "600", "--duration", "1", "--repeat", "1", "--connections", "2", "--json", json];
    const env: Record<string, string> = withPostgres ? { BENCH_POSTGRES_URL: POSTGRES_URL! } : {};
    const run = runNode(join("node_modules", "tsx", "dist", "cli.mjs"), [...args, "--postgres-database", postgresDatabase], env);
    const code = await run.exited;
    expect(code, run.output()).toBe(0);
    const report = JSON.parse(readFileSync(json, "utf8")) as BenchReport;
    const ran = (engine: string) => report.scenarios.filter((result) => result.engine === engine).map((result) => result.scenario).sort();
    const peer = SCENARIOS.filter((name) => name.startsWith("postgraphile-"));
    expect(ran("sqlite")).toEqual(SCENARIOS.filter((name) => !peer.includes(name)).sort());
    for (const result of report.scenarios) {
      expect(result.responses2xx, `${result.scenario} on ${result.engine}`).toBeGreaterThan(0);
      expect(result.errors + result.non2xx + result.graphqlErrors, `${result.scenario} on ${result.engine}`).toBe(0);
    }
    expect(report.addOrderStored.sqlite!.stored).toBeGreaterThanOrEqual(report.addOrderStored.sqlite!.answered);
    // A p50 of 0 ms (whole milliseconds, two connections) makes the ratio no number: its presence is what counts here.
    expect(report.ratios).toHaveProperty("listLastP50OverListFirstP50");
    expect(run.output()).toMatch(/raw-floor req\/s \/ list-first req\/s/);
    if (withPostgres) {
      // Ours on PostgreSQL (all but the raw floor, which is SQLite's), and PostGraphile beside it, page for page.
      expect(ran("postgres")).toEqual(SCENARIOS.filter((name) => !name.startsWith("raw-")).sort());
      expect(report.versusPostGraphile.map((comparison) => comparison.shape)).toEqual([
        "first page, totalCount",
        "first page, no totalCount",
        "last page, totalCount",
        "last page, no totalCount",
      ]);
      for (const comparison of report.versusPostGraphile) expect(comparison.throughputRatio, comparison.shape).toBeGreaterThan(0);
      expect(report.startupMs.postgraphile).toBeGreaterThan(0);
      expect(run.output()).toMatch(/ours beside PostGraphile 5/);
    } else {
      console.warn("npm run bench on PostgreSQL and beside PostGraphile: NOT RUN (no TEST_POSTGRES_URL)");
    }
  });
});
