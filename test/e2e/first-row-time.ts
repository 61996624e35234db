/**
 * Time to the first rendered row of the order list, in headless chromium, against the real
 * server on a database you name (not part of `npm test`):
 *
 *   DATABASE_URL=sqlite:/tmp/orders-1m.sqlite npm run seed -- --count 1000000
 *   FIRST_ROW_DATABASE_URL=sqlite:/tmp/orders-1m.sqlite npx tsx test/e2e/first-row-time.ts [runs]
 *
 * Each run opens a new browser context (empty HTTP cache, as on a first visit) and measures
 * from navigation start (performance.timeOrigin) to the first frame drawn after the first
 * `tbody tr` of orders appeared. Then the same with the scripts cached (a reload), and for
 * the last page and a filtered list. One visit before the runs warms the server up (it is not
 * counted). Prints every run and the median.
 */
import { type Page } from "playwright-core";
import { chromiumUnavailable, launchChromium } from "./browser.js";
import { ensureClientBuilt } from "./client-build.js";
import { startWebServer } from "./web-server.js";
import { median } from "../bench/report.js";

interface Timing {
  firstRowMs: number;
  domContentLoadedMs: number;
  /** When the GraphQL answers (the page, with its count) had arrived. */
  graphqlDoneMs: number | undefined;
}

/**
 * Installed before any page script runs: notes when the first order row is in the DOM, then
 * drawn. A string, so that no transpiler helper (tsx names functions) ends up in the page.
 */
const WATCH_FIRST_ROW = `
  new MutationObserver(function (_, observer) {
    if (!document.querySelector("tbody tr.orders__row")) return;
    observer.disconnect();
    var inserted = performance.now();
    requestAnimationFrame(function () { window.firstRow = { inserted: inserted, drawn: performance.now() }; });
  }).observe(document, { childList: true, subtree: true });
`;

async function measure(page: Page, url: string, reload = false): Promise<Timing> {
  if (reload) await page.reload();
  else await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { firstRow?: unknown }).firstRow !== undefined, undefined, { timeout: 60_000 });
  return page.evaluate(() => {
    const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const graphql = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((entry) => entry.name.endsWith("/graphql"));
    return {
      firstRowMs: (window as unknown as { firstRow: { drawn: number } }).firstRow.drawn,
      domContentLoadedMs: navigation.domContentLoadedEventEnd,
      graphqlDoneMs: graphql.length > 0 ? Math.max(...graphql.map((entry) => entry.responseEnd)) : undefined,
    };
  });
}

async function main(): Promise<number> {
  const databaseUrl = process.env.FIRST_ROW_DATABASE_URL;
  if (!databaseUrl) {
    process.stderr.write(
      "first-row-time: set FIRST_ROW_DATABASE_URL to the database to measure, e.g.\n" +
        "  DATABASE_URL=sqlite:/tmp/orders-1m.sqlite npm run seed -- --count 1000000\n" +
        "  FIRST_ROW_DATABASE_URL=sqlite:/tmp/orders-1m.sqlite npx tsx test/e2e/first-row-time.ts\n",
    );
    return 2;
  }
  if (chromiumUnavailable()) return 2;
  const runs = Number(process.argv[2] ?? 7);
  const clientDir = await ensureClientBuilt();
  const server = await startWebServer({ clientDir, databaseUrl });
  const chrome = await launchChromium();
  try {
    const count = await server.graphql<{ orders: { totalCount: number; edges: Array<{ node: { userId: string } }> } }>(
      "{ orders(page: { first: 1 }) { totalCount edges { node { userId } } } }",
    );
    const total = count.data!.orders.totalCount;
    const userId = count.data!.orders.edges[0]!.node.userId;
    process.stdout.write(`Time to first rendered row: ${total.toLocaleString("en")} orders at ${databaseUrl}, chromium headless, ${runs} runs each\n`);

    const scenarios: Array<{ name: string; path: string; reload?: boolean }> = [
      { name: "first visit (nothing cached)", path: "/" },
      { name: "reload (scripts cached)", path: "/", reload: true },
      { name: "last page, first visit", path: "/?page=last" },
      { name: "filtered by a user, first visit", path: `/?user=${encodeURIComponent(userId)}` },
    ];
    // One visit first, not counted: the server's first queries (cold SQLite cache, first count) are not what staff see.
    const warmUp = await chrome.browser.newContext();
    const warmUpPage = await warmUp.newPage();
    await warmUpPage.addInitScript(WATCH_FIRST_ROW);
    await measure(warmUpPage, server.url);
    await warmUp.close();

    for (const scenario of scenarios) {
      const timings: Timing[] = [];
      for (let run = 0; run < runs; run += 1) {
        const context = await chrome.browser.newContext({ viewport: { width: 1440, height: 1000 } });
        const page = await context.newPage();
        await page.addInitScript(WATCH_FIRST_ROW);
        if (scenario.reload) await measure(page, server.url + scenario.path);
        timings.push(await measure(page, server.url + scenario.path, scenario.reload));
        await context.close();
      }
      const first = timings.map((timing) => timing.firstRowMs);
      const responses = timings.flatMap((timing) => (timing.graphqlDoneMs === undefined ? [] : [timing.graphqlDoneMs]));
      process.stdout.write(
        `  ${scenario.name.padEnd(34)} median ${median(first).toFixed(0).padStart(4)} ms` +
          `  (runs: ${first.map((ms) => ms.toFixed(0)).join(", ")} ms;` +
          ` DOMContentLoaded ${median(timings.map((timing) => timing.domContentLoadedMs)).toFixed(0)} ms,` +
          ` GraphQL answers in ${responses.length ? `${median(responses).toFixed(0)} ms` : "n/a"})\n`,
      );
    }
    return 0;
  } finally {
    await chrome.close();
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`first-row-time: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  },
);
