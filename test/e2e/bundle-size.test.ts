/**
 * The JavaScript budget of the web client's first page (25 kB gzip), measured on a fresh
 * production build by the same function `npx tsx client/bundle-size.ts` prints with.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BundleReport, FIRST_PAGE_BUDGET_BYTES, formatReport, measureBundle } from "../../client/bundle-size.js";
import { buildClient } from "./client-build.js";

describe("the web client's bundle", () => {
  let outDir: string;
  let report: BundleReport;

  beforeAll(async () => {
    // Its own directory: a fresh build, whatever state dist/client is in (and no race with the browser suite).
    outDir = mkdtempSync(join(tmpdir(), "orders-client-build-"));
    await buildClient(outDir);
    report = measureBundle(outDir);
    console.info(`Web client bundle (fresh build):\n${formatReport(report)}`);
  }, 180_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it(`needs at most ${FIRST_PAGE_BUDGET_BYTES / 1000} kB of gzipped JavaScript for the first page`, () => {
    expect(report.firstPage.length).toBeGreaterThan(0);
    expect(report.firstPageGzip).toBe(report.firstPage.reduce((sum, script) => sum + script.gzip, 0));
    expect(report.overBudget, formatReport(report)).toBe(false);
    expect(report.firstPageGzip).toBeLessThanOrEqual(FIRST_PAGE_BUDGET_BYTES);
  });

  it("loads the add-order form (and the rules it brings) and an order's details only when they are opened", () => {
    expect(report.firstPage.map((script) => script.file)).toEqual([expect.stringMatching(/^assets\/index-[\w-]+\.js$/)]);
    expect(report.later.map((script) => script.file)).toEqual([
      expect.stringMatching(/^assets\/AddOrderPanel-[\w-]+\.js$/),
      expect.stringMatching(/^assets\/OrderDetails-[\w-]+\.js$/),
    ]);
    const firstPageCode = report.firstPage.map((script) => readFileSync(join(outDir, script.file), "utf8")).join("\n");
    expect(firstPageCode).not.toContain("probably mistyped");
    expect(firstPageCode).not.toContain("mutation AddOrder");
    expect(firstPageCode).not.toContain("query OrderDetails");
  });

  it("names every script by its content, under assets/, and inlines nothing into index.html", () => {
    for (const script of [...report.firstPage, ...report.later]) expect(script.file).toMatch(/^assets\/[\w-]+-[\w-]{8}\.js$/);
    const html = readFileSync(join(outDir, "index.html"), "utf8");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\bstyle=/);
  });

  it("fails a build that is over the budget", () => {
    const tight = measureBundle(outDir, report.firstPageGzip - 1);
    expect(tight.overBudget).toBe(true);
    expect(formatReport(tight)).toMatch(/OVER by 0\.00 kB/);
  });
});
