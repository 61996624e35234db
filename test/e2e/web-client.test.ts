/**
 * The staff web client in a real browser (Debian's chromium, driven by playwright-core),
 * against the real server and a seeded SQLite database. Screenshots go to test-results/.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { measureBundle } from "../../client/bundle-size.js";
import { LIST_ORDERS_WITH_COUNT, type OrdersData, rowCount } from "../support/orders.js";
import { chromiumUnavailable, launchChromium, type RunningBrowser } from "./browser.js";
import { ensureClientBuilt, REPO_ROOT } from "./client-build.js";
import { startWebServer, type WebServer } from "./web-server.js";

const SEEDED_ORDERS = 1_000;
const RESULTS_DIR = join(REPO_ROOT, "test-results");
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
/** The staff's locale and a time zone west of Greenwich, where a UTC date shown as local time would fall a day early. */
const LOCALE = "en-GB";
const TIME_ZONE = "America/Los_Angeles";
const staffDate = new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeZone: "UTC" });
const number = new Intl.NumberFormat(LOCALE);

/** "Showing 26–50 of 1,000" in the staff's number format. */
function showing(first: number, last: number, total: number): string {
  return `Showing ${number.format(first)}–${number.format(last)} of ${number.format(total)}`;
}

const unavailable = chromiumUnavailable();

describe.skipIf(unavailable !== undefined)("the web client in chromium", () => {
  let server: WebServer;
  let chrome: RunningBrowser;
  let browser: Browser;
  let clientDir: string;
  let context: BrowserContext | undefined;
  /** Console errors and uncaught exceptions of the current test's page. */
  let pageErrors: string[] = [];
  /** Errors a test expects (requests it made fail on purpose). */
  let allowedErrors: RegExp[] = [];

  beforeAll(async () => {
    clientDir = await ensureClientBuilt();
    [server, chrome] = await Promise.all([startWebServer({ clientDir, orders: SEEDED_ORDERS }), launchChromium()]);
    browser = chrome.browser;
    mkdirSync(RESULTS_DIR, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await chrome?.close();
    await server?.stop();
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
    const unexpected = pageErrors.filter((error) => !allowedErrors.some((allowed) => allowed.test(error)));
    pageErrors = [];
    allowedErrors = [];
    expect(unexpected, "errors in the browser console").toEqual([]);
  });

  /** A fresh browser context (empty cache) on the page at `path`; `prepare` runs before the navigation. */
  async function open(path = "/", prepare?: (page: Page) => Promise<void> | void): Promise<Page> {
    context = await browser.newContext({ locale: LOCALE, timezoneId: TIME_ZONE, viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(message.text());
    });
    page.on("pageerror", (error) => pageErrors.push(`uncaught: ${error.message}`));
    await prepare?.(page);
    await page.goto(server.url + path);
    return page;
  }

  const rows = (page: Page) => page.locator("tbody tr.orders__row");
  const status = (page: Page) => page.locator(".pagination__status");
  const cellTexts = (page: Page, column: number) => rows(page).locator(`td:nth-child(${column})`).allTextContents();

  async function waitForStatus(page: Page, text: string | RegExp): Promise<void> {
    await expect.poll(() => status(page).textContent(), { timeout: 10_000 }).toMatch(text);
    await page.locator("table[aria-busy='false']").waitFor();
  }

  async function apiOrders(variables: Record<string, unknown>): Promise<OrdersData["orders"]> {
    const result = await server.graphql<OrdersData>(LIST_ORDERS_WITH_COUNT, variables);
    expect(result.errors).toBeUndefined();
    return result.data!.orders;
  }

  /** Orders in the database now (tests that add orders change it). */
  async function total(): Promise<number> {
    return (await apiOrders({ page: { first: 0 } })).totalCount!;
  }

  async function axeViolations(page: Page): Promise<Array<{ id: string; impact: string | null | undefined; targets: string[] }>> {
    // Evaluated through the DevTools protocol, not a <script>: a Content-Security-Policy cannot block it.
    await page.evaluate(AXE_SOURCE);
    return page.evaluate(async () => {
      const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
      const results = await axe.run(document, { resultTypes: ["violations"] });
      return results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        targets: violation.nodes.map((node) => node.target.join(" ")),
      }));
    });
  }

  function tomorrowUtc(): string {
    return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  }

  /** A field of the add-order form (the filter bar has a "User ID" and a "Store code" too). */
  const orderField = (page: Page, label: string) => page.locator("form.add-order").getByLabel(label, { exact: true });

  async function fillOrder(page: Page, order: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(order)) await orderField(page, label).fill(value);
  }

  it("serves the client with hashed assets cached for a year and index.html revalidated", async () => {
    const index = await fetch(`${server.url}/`, { headers: { accept: "text/html" } });
    expect(index.headers.get("cache-control")).toBe("no-cache");
    const html = await index.text();
    const script = /src="(\/assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
    expect(script, "index.html loads a hashed script under /assets/").toBeDefined();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\bstyle=/);
    const asset = await fetch(server.url + script);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const deepLink = await fetch(`${server.url}/orders?size=50`, { headers: { accept: "text/html" } });
    expect(await deepLink.text()).toBe(html);
  });

  it("lists the 25 newest orders in the eight columns, with dates in the staff's locale and numbers right-aligned", async () => {
    const scripts: string[] = [];
    const operations: string[] = [];
    const page = await open("/", (page) => {
      page.on("response", (response) => {
        if (response.url().endsWith(".js")) scripts.push(new URL(response.url()).pathname.slice(1));
      });
      page.on("request", (request) => {
        if (request.url().endsWith("/graphql")) operations.push(`${request.method()} ${(request.postDataJSON() as { operationName?: string }).operationName}`);
      });
    });
    await waitForStatus(page, showing(1, 25, await total()));
    // The first page (with its count) is asked for once, as the script starts: a JSON POST, as CSRF prevention wants.
    expect(operations).toEqual(["POST OrdersPage"]);

    expect(await page.locator("thead th").allTextContents()).toEqual([
      "Date UUID",
      "User ID",
      "Card Number",
      "Store Code",
      "Product Code",
      "Product Quantity",
      "Order Date",
      "Shipping Date",
    ]);
    expect(await rows(page).count()).toBe(25);
    const api = await apiOrders({ page: { first: 25 } });
    expect(await cellTexts(page, 1)).toEqual(api.edges.map((edge) => edge.node.dateUuid));
    expect(await cellTexts(page, 2)).toEqual(api.edges.map((edge) => edge.node.userId));
    expect(await cellTexts(page, 3)).toEqual(api.edges.map((edge) => edge.node.cardNumberMasked ?? "—"));
    expect((await cellTexts(page, 3)).every((text) => /^•••• •••• •••• \d{4}$/.test(text))).toBe(true);
    // Calendar dates at midnight UTC, shown in UTC: the same day in Los Angeles.
    expect(await cellTexts(page, 7)).toEqual(api.edges.map((edge) => staffDate.format(new Date(edge.node.orderDate!))));
    expect(await cellTexts(page, 8)).toEqual(api.edges.map((edge) => staffDate.format(new Date(edge.node.shippingDate!))));
    expect(await rows(page).first().locator("td:nth-child(6)").evaluate((cell) => getComputedStyle(cell).textAlign)).toBe("right");

    // The first page needs exactly the scripts the size budget counts, and the form is not among them.
    expect(scripts.sort()).toEqual(measureBundle(clientDir).firstPage.map((script) => script.file));
    await page.screenshot({ path: join(RESULTS_DIR, "orders-list.png"), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });

  it("moves through pages with Next, Previous, Last and First, and keeps the page in the URL for reload and the back button", async () => {
    const n = await total();
    const page = await open();
    const all = await apiOrders({ page: { first: 50 } });
    const last = await apiOrders({ page: { last: 50 } });
    const dateUuids = (orders: OrdersData["orders"], from: number, to: number) => orders.edges.slice(from, to).map((edge) => edge.node.dateUuid);
    await waitForStatus(page, showing(1, 25, n));
    expect(await page.getByRole("button", { name: "Previous" }).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "First" }).isDisabled()).toBe(true);

    await page.getByRole("button", { name: "Next" }).click();
    await waitForStatus(page, showing(26, 50, n));
    expect(await cellTexts(page, 1)).toEqual(dateUuids(all, 25, 50));
    expect(new URL(page.url()).searchParams.get("row")).toBe("26");

    await page.reload();
    await waitForStatus(page, showing(26, 50, n));
    expect(await cellTexts(page, 1)).toEqual(dateUuids(all, 25, 50));

    await page.getByRole("button", { name: "Last" }).click();
    await waitForStatus(page, showing(n - 24, n, n));
    expect(await cellTexts(page, 1)).toEqual(dateUuids(last, 25, 50));
    expect(await page.getByRole("button", { name: "Next" }).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Last" }).isDisabled()).toBe(true);
    // The Last button is now disabled: focus waits on the line that says where the list is.
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("pagination__status");

    await page.getByRole("button", { name: "Previous" }).click();
    await waitForStatus(page, showing(n - 49, n - 25, n));
    expect(await cellTexts(page, 1)).toEqual(dateUuids(last, 0, 25));

    await page.goBack();
    await waitForStatus(page, showing(n - 24, n, n));
    await page.goBack();
    await waitForStatus(page, showing(26, 50, n));
    expect(await cellTexts(page, 1)).toEqual(dateUuids(all, 25, 50));

    await page.getByRole("button", { name: "First" }).click();
    await waitForStatus(page, showing(1, 25, n));
    expect(new URL(page.url()).search).toBe("");

    await page.getByRole("combobox", { name: "Rows per page" }).selectOption("50");
    await waitForStatus(page, showing(1, 50, n));
    expect(await rows(page).count()).toBe(50);
    expect(new URL(page.url()).searchParams.get("size")).toBe("50");
  });

  it("is honest about the position when a shared link carries only a cursor", async () => {
    const n = await total();
    const page = await open();
    await waitForStatus(page, showing(1, 25, n));
    const cursor = (await apiOrders({ page: { first: 25 } })).pageInfo.endCursor!;
    await page.goto(`${server.url}/?after=${encodeURIComponent(cursor)}`);
    await waitForStatus(page, `Showing 25 orders of ${number.format(n)} (position in the list not known)`);
    await page.getByRole("button", { name: "Previous" }).click();
    // At the start of the list the position is certain again.
    await waitForStatus(page, showing(1, 25, n));
  });

  it("narrows the list with the filters (kept in the URL) and says when nothing matches", async () => {
    const [busiest] = await server.database!.query<{ userId: string; n: number }>(
      `SELECT "User ID" AS userId, COUNT(*) AS n FROM orders GROUP BY "User ID" ORDER BY n DESC, "User ID" LIMIT 1`,
    );
    expect(busiest!.n).toBeGreaterThan(1);
    const n = await total();
    const page = await open();
    await waitForStatus(page, showing(1, 25, n));
    await page.getByLabel("User ID").fill(busiest!.userId);
    await page.getByLabel("User ID").press("Enter");
    await waitForStatus(page, `Showing 1–${busiest!.n} of ${busiest!.n}`);
    expect(await cellTexts(page, 2)).toEqual(Array(busiest!.n).fill(busiest!.userId));
    expect(new URL(page.url()).searchParams.get("user")).toBe(busiest!.userId);

    // A date range, with the store code, sorted oldest first; whole days, both ends included.
    const sample = (await apiOrders({ page: { first: 1, after: null }, filter: { storeCode: "WEB-1388012W" } })).edges[0]!.node;
    const to = sample.orderDate!.slice(0, 10);
    const from = new Date(Date.parse(to) - 20 * 86_400_000).toISOString().slice(0, 10);
    const expected = await apiOrders({
      page: { first: 100 },
      sort: "ORDER_DATE_ASC",
      filter: { storeCode: "WEB-1388012W", orderDateFrom: from, orderDateTo: `${to}T23:59:59.999Z` },
    });
    expect(expected.totalCount).toBeGreaterThan(0);
    expect(expected.totalCount).toBeLessThanOrEqual(25);
    await page.getByRole("button", { name: "Clear filters" }).click();
    await waitForStatus(page, showing(1, 25, n));
    await page.getByLabel("Store code").fill("WEB-1388012W");
    await page.getByLabel("Order date from").fill(from);
    await page.getByLabel("Order date to").fill(to);
    await page.getByRole("button", { name: "Find" }).click();
    await page.getByRole("combobox", { name: "Sort" }).selectOption("ORDER_DATE_ASC");
    await waitForStatus(page, `Showing 1–${expected.totalCount} of ${expected.totalCount}`);
    expect(await cellTexts(page, 1)).toEqual(expected.edges.map((edge) => edge.node.dateUuid));
    expect(new URL(page.url()).search).toBe(`?sort=oldest&store=WEB-1388012W&from=${from}&to=${to}`);

    await page.reload();
    await waitForStatus(page, `Showing 1–${expected.totalCount} of ${expected.totalCount}`);
    expect(await page.getByLabel("Order date from").inputValue()).toBe(from);

    await page.getByLabel("User ID").fill("nobody-has-this-id");
    await page.getByLabel("User ID").press("Enter");
    await page.getByText("No orders match these filters.").waitFor();
    expect(await status(page).textContent()).toBe("No orders to show");
    expect(await axeViolations(page)).toEqual([]);
    await page.locator(".orders__message").getByRole("button", { name: "Clear filters" }).click();
    await waitForStatus(page, showing(1, 25, n));
  });

  it("shows the API's complaint about a filter beside the filter field", async () => {
    const page = await open("/?from=2024-05-31&to=2024-05-01");
    const to = page.getByLabel("Order date to");
    await expect.poll(() => to.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await to.getAttribute("aria-describedby"))!;
    expect(await page.locator(`#${describedBy}`).textContent()).toMatch(/orderDateTo must be on or after/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("filter-to");
  });

  it("adds a valid order, says so, clears the form, and shows the order in the list without reloading", async () => {
    const n = await total();
    const page = await open();
    await waitForStatus(page, showing(1, 25, n));
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await page.getByRole("button", { name: "Add order" }).click();
    const userId = `e2e-${Date.now()}`;
    await fillOrder(page, {
      "User ID": userId,
      "Card number": "4242 4242 4242 4242",
      "Store code": "WEB-1388012W",
      "Product code": "R7-3126933h",
      Quantity: "3",
      "Order date": tomorrowUtc(),
      "Shipping date": tomorrowUtc(),
    });
    await page.locator("form.add-order").getByRole("button", { name: "Add order" }).click();
    await page.getByRole("status").filter({ hasText: "Order added" }).waitFor();
    expect(await orderField(page, "User ID").inputValue()).toBe("");
    expect(await orderField(page, "Card number").inputValue()).toBe("");

    // The document cache dropped the list, which came back with the new order on top.
    await waitForStatus(page, showing(1, 25, n + 1));
    expect((await cellTexts(page, 2))[0]).toBe(userId);
    expect(await rows(page).first().getAttribute("class")).toContain("orders__row--added");
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    const stored = await apiOrders({ filter: { userId } });
    expect(stored.totalCount).toBe(1);
    expect(stored.edges[0]!.node.cardLast4).toBe("4242");
  });

  it("shows an invalid card number beside its field, focuses it, and stores nothing", async () => {
    const page = await open();
    await waitForStatus(page, /^Showing 1–25/);
    const before = await rowCount(server.database!);
    const graphqlPosts: string[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/graphql") && request.postData()?.includes("addOrder")) graphqlPosts.push(request.postData()!);
    });
    await page.getByRole("button", { name: "Add order" }).click();
    const userId = `e2e-bad-card-${Date.now()}`;
    await fillOrder(page, {
      "User ID": userId,
      "Card number": "4242 4242 4242 4241",
      "Store code": "WEB-1388012W",
      "Product code": "R7-3126933h",
      Quantity: "3",
      "Order date": "2024-05-01",
      "Shipping date": "2024-04-28",
    });
    await page.locator("form.add-order").getByRole("button", { name: "Add order" }).click();

    const card = orderField(page, "Card number");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("order-cardNumber");
    expect(await card.getAttribute("aria-invalid")).toBe("true");
    const cardError = page.locator(`#${(await card.getAttribute("aria-describedby"))!.split(" ").find((id) => id.endsWith("-error"))}`);
    expect(await cardError.textContent()).toContain("Card number is not valid: one of its digits is probably mistyped.");
    // Beside the field: in the same field group, right under the input.
    expect(await cardError.evaluate((element) => element.closest(".field")?.querySelector("input")?.id)).toBe("order-cardNumber");
    const [inputBox, errorBox] = [await card.boundingBox(), await cardError.boundingBox()];
    expect(errorBox!.y).toBeGreaterThanOrEqual(inputBox!.y + inputBox!.height);
    expect(errorBox!.y - (inputBox!.y + inputBox!.height)).toBeLessThan(60);
    expect(Math.abs(errorBox!.x - inputBox!.x)).toBeLessThan(2);
    expect(await orderField(page, "Shipping date").getAttribute("aria-invalid")).toBe("true");
    await page.screenshot({ path: join(RESULTS_DIR, "add-order-errors.png"), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    expect(graphqlPosts).toEqual([]);
    expect((await apiOrders({ filter: { userId } })).totalCount).toBe(0);
    expect(await rowCount(server.database!)).toBe(before);
  });

  it("puts the server's own per-field answer (ORDER_EXISTS) beside the Date UUID", async () => {
    const existing = (await apiOrders({ page: { first: 1 } })).edges[0]!.node;
    const page = await open();
    await page.getByRole("button", { name: "Add order" }).click();
    await fillOrder(page, {
      "User ID": existing.userId,
      "Card number": "4242 4242 4242 4242",
      "Store code": "OTHER-STORE",
      "Product code": "R7-3126933h",
      Quantity: "3",
      "Order date": "2024-05-01",
      "Shipping date": "2024-05-03",
      "Date UUID (optional)": existing.dateUuid,
    });
    await page.locator("form.add-order").getByRole("button", { name: "Add order" }).click();
    const uuid = orderField(page, "Date UUID (optional)");
    await expect.poll(() => uuid.getAttribute("aria-invalid")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("order-dateUuid");
    expect(await page.locator("#order-dateUuid-error").textContent()).toMatch(/\S/);
    expect((await apiOrders({ filter: { userId: existing.userId, storeCode: "OTHER-STORE" } })).totalCount).toBe(0);
  });

  it("adds an order and pages on with the keyboard alone, with a visible focus ring", async () => {
    const page = await open();
    await waitForStatus(page, /^Showing 1–25/);
    const focused = () => page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      return { id: element.id, text: element.textContent, outline: getComputedStyle(element).outlineStyle };
    });
    await page.keyboard.press("Tab");
    expect(await focused()).toEqual({ id: "", text: "Add order", outline: "solid" });
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused()).id).toBe("order-userId");

    const userId = `e2e-keyboard-${Date.now()}`;
    const [year, month, day] = tomorrowUtc().split("-");
    const steps: Array<[string, string]> = [
      ["order-userId", userId],
      ["order-cardNumber", "5555 5555 5555 4444"],
      ["order-storeCode", "WEB-1388012W"],
      ["order-productCode", "R7-3126933h"],
      ["order-productQuantity", "7"],
      // Date inputs take the digits in the browser's field order (mm/dd/yyyy with --lang=en-US).
      ["order-orderDate", `${month}${day}${year}`],
      ["order-shippingDate", `${month}${day}${year}`],
    ];
    for (const [id, keys] of steps) {
      expect((await focused()).id).toBe(id);
      await page.keyboard.type(keys);
      // Chromium's date input takes one more Tab (its calendar button) before focus leaves it.
      for (let presses = 0; presses < 3 && (await focused()).id === id; presses += 1) await page.keyboard.press("Tab");
    }
    expect((await focused()).id).toBe("order-dateUuid");
    await page.keyboard.press("Tab");
    expect((await focused()).text).toBe("Add order");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Order added" }).waitFor();
    expect((await focused()).id).toBe("order-userId");

    const stored = await apiOrders({ filter: { userId } });
    expect(stored.totalCount).toBe(1);
    expect(stored.edges[0]!.node).toMatchObject({ productQuantity: 7, cardLast4: "4444", orderDate: `${tomorrowUtc()}T00:00:00.000Z` });

    // Escape closes the form and gives focus back to the button that opened it.
    await page.keyboard.press("Escape");
    await expect.poll(async () => (await focused()).text).toBe("Add order");
    expect(await page.locator("#add-order").count()).toBe(0);

    // On through the filters and the table to the pages: Next with the keyboard.
    for (let presses = 0; presses < 40 && (await focused()).text !== "Next ›"; presses += 1) await page.keyboard.press("Tab");
    expect((await focused()).text).toBe("Next ›");
    await page.keyboard.press("Enter");
    await waitForStatus(page, /^Showing 26–50 of /);
    expect((await focused()).text).toBe("Next ›");
  });

  it("keeps its layout while the first page loads (placeholder rows of the same height)", async () => {
    const n = await total();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const page = await open("/", async (page) => {
      await page.route("**/graphql", async (route) => {
        await held;
        await route.continue();
      });
    });
    await page.locator("tbody tr.orders__placeholder").first().waitFor();
    expect(await page.locator("tbody tr.orders__placeholder").count()).toBe(25);
    expect(await status(page).textContent()).toBe("Loading orders…");
    const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
    const [tableWhileLoading, pagesWhileLoading] = [await box("table.orders"), await box("nav.pagination")];
    release();
    await waitForStatus(page, showing(1, 25, n));
    expect(await box("table.orders")).toEqual(tableWhileLoading);
    expect(await box("nav.pagination")).toEqual(pagesWhileLoading);
  });

  it("offers Retry when the service cannot be reached, and recovers", async () => {
    const n = await total();
    const page = await open();
    await waitForStatus(page, /^Showing 1–25/);
    allowedErrors = [/Failed to load resource/];
    await page.route("**/graphql", (route) => route.abort("connectionrefused"));
    await page.getByRole("button", { name: "Next" }).click();
    const alert = page.getByRole("alert");
    await alert.getByText("The orders service cannot be reached").waitFor();
    expect(await status(page).textContent()).toBe("Orders not loaded");
    expect(await axeViolations(page)).toEqual([]);
    await page.unroute("**/graphql");
    await alert.getByRole("button", { name: "Retry" }).click();
    await waitForStatus(page, showing(26, 50, n));
  });

  it("says when the computer is offline and reloads the list when it is back", async () => {
    const n = await total();
    const page = await open();
    await waitForStatus(page, /^Showing 1–25/);
    allowedErrors = [/Failed to load resource/];
    await context!.setOffline(true);
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByText("This computer is offline", { exact: false }).first().waitFor();
    await context!.setOffline(false);
    await waitForStatus(page, showing(26, 50, n));
    expect(await page.getByText("This computer is offline", { exact: false }).count()).toBe(0);
  });

  it("shows the request id of a failed request and leads a stale link back to the first page", async () => {
    const page = await open("/?after=not-a-cursor&row=26");
    const alert = page.getByRole("alert");
    await alert.getByText("Request id:").waitFor();
    const requestId = await alert.locator("code").textContent();
    expect(requestId).toMatch(/^[\w.:-]{8,}$/);
    expect(server.logs.join("\n")).not.toContain("unexpected error");
    await alert.getByRole("button", { name: "Go to the first page" }).click();
    await waitForStatus(page, /^Showing 1–25/);
  });
});
