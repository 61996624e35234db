/**
 * What every browser test of the web client shares: the real server (API and built client) over
 * a seeded SQLite database, Debian's chromium driven by playwright-core, one fresh browser
 * context per test (empty cache) whose console errors fail the test, and the helpers that read
 * the page the way staff do. Screenshots go to test-results/.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { LIST_ORDERS_WITH_COUNT, type OrdersData } from "../support/orders.js";
import { chromiumUnavailable, launchChromium, type RunningBrowser } from "./browser.js";
import { ensureClientBuilt, REPO_ROOT } from "./client-build.js";
import { startWebServer, type WebServer } from "./web-server.js";

const SEEDED_ORDERS = 1_000;
const RESULTS_DIR = join(REPO_ROOT, "test-results");
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
/** The staff's locale and a time zone west of Greenwich, where a UTC date shown as local time would fall a day early. */
const LOCALE = "en-GB";
export const TIME_ZONE = "America/Los_Angeles";
export const staffDate = new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeZone: "UTC" });
export const number = new Intl.NumberFormat(LOCALE);

export const unavailable = chromiumUnavailable();

/** "Showing 26–50 of 1,000" in the staff's number format. */
export function showing(first: number, last: number, total: number): string {
  return `Showing ${number.format(first)}–${number.format(last)} of ${number.format(total)}`;
}

interface OpenOptions {
  /** Runs before the navigation (routes, listeners). */
  prepare?: (page: Page) => unknown;
  viewport?: { width: number; height: number };
  colorScheme?: "light" | "dark";
  /** Browser permissions for the page's origin, e.g. clipboard-read. */
  permissions?: string[];
}

export interface WebClientSuite {
  readonly server: WebServer;
  readonly clientDir: string;
  readonly context: BrowserContext | undefined;
  /** A fresh browser context (empty cache) on the page at `path`. */
  open(path?: string, options?: OpenOptions): Promise<Page>;
  /** Console errors this test expects (requests it made fail on purpose). */
  allowErrors(...patterns: RegExp[]): void;
  /** Orders as the API lists them. */
  apiOrders(variables: Record<string, unknown>): Promise<OrdersData["orders"]>;
  /** Orders in the database now (tests that add orders change it). */
  total(): Promise<number>;
}

/** Starts the server and the browser around the calling describe block; call it at its top. */
export function webClientSuite(options: { orders?: number } = {}): WebClientSuite {
  let server: WebServer;
  let chrome: RunningBrowser;
  let browser: Browser;
  let clientDir: string;
  let context: BrowserContext | undefined;
  /** Console errors and uncaught exceptions of the current test's page. */
  let pageErrors: string[] = [];
  let allowedErrors: RegExp[] = [];

  beforeAll(async () => {
    clientDir = await ensureClientBuilt();
    [server, chrome] = await Promise.all([startWebServer({ clientDir, orders: options.orders ?? SEEDED_ORDERS }), launchChromium()]);
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

  const apiOrders = async (variables: Record<string, unknown>): Promise<OrdersData["orders"]> => {
    const result = await server.graphql<OrdersData>(LIST_ORDERS_WITH_COUNT, variables);
    expect(result.errors).toBeUndefined();
    return result.data!.orders;
  };

  return {
    get server() {
      return server;
    },
    get clientDir() {
      return clientDir;
    },
    get context() {
      return context;
    },
    async open(path = "/", { prepare, viewport = { width: 1440, height: 1000 }, colorScheme = "light", permissions = [] }: OpenOptions = {}) {
      context = await browser.newContext({ locale: LOCALE, timezoneId: TIME_ZONE, viewport, colorScheme });
      if (permissions.length > 0) await context.grantPermissions(permissions, { origin: server.url });
      const page = await context.newPage();
      page.on("console", (message) => {
        if (message.type() === "error") pageErrors.push(message.text());
      });
      page.on("pageerror", (error) => pageErrors.push(`uncaught: ${error.message}`));
      await prepare?.(page);
      await page.goto(server.url + path);
      return page;
    },
    allowErrors(...patterns) {
      allowedErrors.push(...patterns);
    },
    apiOrders,
    async total() {
      return (await apiOrders({ page: { first: 0 } })).totalCount!;
    },
  };
}

export const rows = (page: Page) => page.locator("tbody tr.orders__row");
export const status = (page: Page) => page.locator(".pagination__status");
export const cellTexts = (page: Page, column: number) => rows(page).locator(`td:nth-child(${column})`).allTextContents();

export async function waitForStatus(page: Page, text: string | RegExp): Promise<void> {
  await expect.poll(() => status(page).textContent(), { timeout: 10_000 }).toMatch(text);
  await page.locator("table[aria-busy='false']").waitFor();
}

/** What the focused element is: its id, its text, and whether a focus ring shows. */
export function focused(page: Page): Promise<{ id: string; text: string | null; outline: string; tag: string }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    return { id: element.id, text: element.textContent, outline: getComputedStyle(element).outlineStyle, tag: element.tagName };
  });
}

export async function axeViolations(page: Page): Promise<Array<{ id: string; impact: string | null | undefined; targets: string[] }>> {
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

/** Nothing on the page names a request path or tells anyone to read the API's extensions. */
export async function expectWordsForPeople(page: Page): Promise<void> {
  const text = await page.locator("body").innerText();
  expect(text).not.toMatch(/\b(filter|page)\.[a-zA-Z]+|extensions|fieldErrors/);
}

/** Tomorrow in UTC, as a date input takes it. */
export function tomorrowUtc(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}

/** A field of the add-order form (the filter bar has a "User ID" and a "Store code" too). */
export const orderField = (page: Page, label: string) => page.locator("form.add-order").getByLabel(label, { exact: true });

export async function fillOrder(page: Page, order: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(order)) await orderField(page, label).fill(value);
}

/** An order that passes every rule; the order date is left at the form's own (now) unless given. */
export function validOrderFields(userId: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    "User ID": userId,
    "Card number": "4242 4242 4242 4242",
    "Store code": "WEB-1388012W",
    "Product code": "R7-3126933h",
    Quantity: "3",
    "Shipping date": tomorrowUtc(),
    ...overrides,
  };
}

/** The whole page, or (a phone) the first screen of it. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`), fullPage });
}
