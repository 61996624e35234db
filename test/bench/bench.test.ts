/**
 * The benchmark, tiny, so that the script cannot rot: every scenario runs and reports, with
 * no errors and no lost writes. No timing is asserted here (these machines are shared); the
 * figures come from `npm run bench`.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseBenchArgs, SCENARIOS } from "./options.js";
import type { BenchReport } from "./report.js";
import { runNode } from "../support/server-process.js";

const dir = mkdtempSync(join(tmpdir(), "orders-bench-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run bench", () => {
  it("reads its flags strictly", () => {
    expect(parseBenchArgs(["--quick"], {})).toMatchObject({ ok: true, options: { rows: 100_000, durationSeconds: 5, connections: 16 } });
    expect(parseBenchArgs(["--rows", "1_000_000", "--only", "list-first,raw-floor", "--json=x.json"], { BENCH_POSTGRES_URL: "postgres://h/db" })).toMatchObject({
      ok: true,
      options: { rows: 1_000_000, only: ["list-first", "raw-floor"], json: "x.json", postgresUrl: "postgres://h/db" },
    });
    const bad = parseBenchArgs(["--rows", "many", "--only", "everything", "--fast"], {});
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect([...bad.problems].sort()).toEqual(
        [
          'unknown argument "--fast"',
          '--rows must be a whole number from 100 to 20,000,000 (got "many")',
          '--only: no scenario "everything" (there are list-first, list-last, list-filtered, add-order, raw-floor, raw-offset-last)',
        ].sort(),
      );
    }
  });

  it("runs every scenario on a small database and reports them", { timeout: 180_000 }, async () => {
    const json = join(dir, "bench.json");
    const run = runNode(join("node_modules", "tsx", "dist", "cli.mjs"), ["test/bench/bench.ts", "--rows", "600", "--duration", "1", "--repeat", "1", "--connections", "2", "--json", json], {});
    const code = await run.exited;
    expect(code, run.output()).toBe(0);
    const report = JSON.parse(readFileSync(json, "utf8")) as BenchReport;
    expect(report.scenarios.map((result) => result.scenario).sort()).toEqual([...SCENARIOS].sort());
    for (const result of report.scenarios) {
      expect(result.responses2xx, result.scenario).toBeGreaterThan(0);
      expect(result.errors + result.non2xx + result.graphqlErrors, result.scenario).toBe(0);
    }
    expect(report.addOrderStored.sqlite!.stored).toBeGreaterThanOrEqual(report.addOrderStored.sqlite!.answered);
    expect(report.ratios.listLastP50OverListFirstP50).toBeGreaterThan(0);
    expect(run.output()).toMatch(/raw-floor req\/s \/ list-first req\/s/);
  });
});
