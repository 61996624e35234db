/**
 * Finding orders in chromium: the filters (kept in the URL), the one search box and its
 * suggestions, the date shortcuts, what is typed but not applied, the API's complaints in
 * words beside the fields, and the export of exactly what the list shows.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  axeViolations,
  cellTexts,
  expectWordsForPeople,
  rows,
  screenshot,
  showing,
  status,
  TIME_ZONE,
  unavailable,
  waitForStatus,
  webClientSuite,
} from "./web-client-suite.js";

/** "Showing 1–3 of 3", or "Showing 1 of 1": a whole short list. */
const whole = (count: number) => (count === 1 ? "Showing 1 of 1" : showing(1, count, count));

/** A day in the staff's own calendar (Los Angeles), as date inputs and the URL hold it. */
const staffDay = (date: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(date);

describe.skipIf(unavailable !== undefined)("finding orders in chromium", () => {
  const suite = webClientSuite();

  /** The distinct user IDs and store codes, folded, to find prefixes that mean one thing or several. */
  async function searchables(): Promise<{ users: string[]; stores: string[] }> {
    const users = await suite.server.database!.query<{ v: string }>(`SELECT DISTINCT "User ID" AS v FROM orders`);
    const stores = await suite.server.database!.query<{ v: string }>(`SELECT DISTINCT "Store Code" AS v FROM orders`);
    return { users: users.map((row) => row.v), stores: stores.map((row) => row.v) };
  }

  it("narrows the list with the filters (kept in the URL) and says when nothing matches", async () => {
    const [busiest] = await suite.server.database!.query<{ userId: string; n: number }>(
      `SELECT "User ID" AS userId, COUNT(*) AS n FROM orders GROUP BY "User ID" ORDER BY n DESC, "User ID" LIMIT 1`,
    );
    expect(busiest!.n).toBeGreaterThan(1);
    const n = await suite.total();
    const page = await suite.open();
    await waitForStatus(page, showing(1, 25, n));
    await page.getByLabel("User ID").fill(busiest!.userId);
    await page.getByLabel("User ID").press("Enter");
    await waitForStatus(page, `Showing 1–${busiest!.n} of ${busiest!.n}`);
    expect(await cellTexts(page, 2)).toEqual(Array(busiest!.n).fill(busiest!.userId));
    expect(new URL(page.url()).searchParams.get("user")).toBe(busiest!.userId);

    // A date range, with the store code, sorted oldest first; whole days, both ends included.
    const sample = (await suite.apiOrders({ page: { first: 1, after: null }, filter: { storeCode: "WEB-1388012W" } })).edges[0]!.node;
    const to = sample.orderDate!.slice(0, 10);
    const from = new Date(Date.parse(to) - 20 * 86_400_000).toISOString().slice(0, 10);
    const expected = await suite.apiOrders({
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
    // The same count shows for either sort: wait for the rows of the new one.
    await expect.poll(() => cellTexts(page, 1), { timeout: 10_000 }).toEqual(expected.edges.map((edge) => edge.node.dateUuid));
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

  it("applies what is typed but not yet applied when the sort changes", async () => {
    const page = await suite.open();
    await waitForStatus(page, /^Showing 1–25/);
    await page.getByLabel("Store code").fill("web-1388012w");
    await page.getByRole("combobox", { name: "Sort" }).selectOption("ORDER_DATE_ASC");
    const expected = (await suite.apiOrders({ filter: { storeCode: "WEB-1388012W" } })).totalCount!;
    await waitForStatus(page, showing(1, 25, expected));
    expect(new URL(page.url()).search).toBe("?sort=oldest&store=web-1388012w");
    expect(new Set(await cellTexts(page, 4))).toEqual(new Set(["WEB-1388012W"]));
  });

  it("shows the API's complaint about a filter beside the filter field, in words", async () => {
    const page = await suite.open("/?from=2024-05-31&to=2024-05-01");
    const to = page.getByLabel("Order date to");
    await expect.poll(() => to.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await to.getAttribute("aria-describedby"))!;
    expect(await page.locator(`#${describedBy}`).textContent()).toMatch(/must be on or after its start/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("filter-to");
    await expectWordsForPeople(page);

    await page.goto(`${suite.server.url}/?q=ab`);
    const search = page.getByLabel("Search");
    await expect.poll(() => search.getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#filter-search-error").textContent()).toContain("Search needs at least 3 characters.");
    await expectWordsForPeople(page);
  });

  it("finds a user by the start of their ID, and offers the choices when the start fits several", async () => {
    const { users, stores } = await searchables();
    const all = [...users, ...stores].map((value) => value.toLowerCase());
    const startsWith = (prefix: string) => all.filter((value) => value.startsWith(prefix.toLowerCase()));
    // A prefix that only one user's ID starts with, and one that 2 to 6 users' IDs start with.
    const unique = users.map((user) => user.slice(0, 5)).find((prefix) => startsWith(prefix).length === 1)!;
    const ambiguous = users.map((user) => user.slice(0, 3)).find((prefix) => startsWith(prefix).length >= 2 && startsWith(prefix).length <= 6)!;
    expect(unique && ambiguous).toBeTruthy();

    const page = await suite.open();
    await waitForStatus(page, /^Showing 1–25/);
    const user = users.find((candidate) => candidate.startsWith(unique))!;
    const count = (await suite.apiOrders({ filter: { userId: user } })).totalCount!;
    await page.getByLabel("Search").fill(unique.toUpperCase());
    await page.getByLabel("Search").press("Enter");
    await waitForStatus(page, whole(count));
    expect(new Set(await cellTexts(page, 2))).toEqual(new Set([user]));
    expect(await page.locator(".search-outcome").textContent()).toContain(`Orders of User ID ${user}.`);
    expect(new URL(page.url()).searchParams.get("q")).toBe(unique.toUpperCase());

    await page.getByLabel("Search").fill(ambiguous);
    await page.getByLabel("Search").press("Enter");
    const choices = page.locator(".search-outcome").getByRole("button");
    await expect.poll(() => choices.count()).toBe(startsWith(ambiguous).length);
    expect(await page.locator(".search-outcome").textContent()).toContain(`“${ambiguous}” could mean more than one thing: choose one.`);
    expect(await rows(page).count()).toBe(0);
    await screenshot(page, "search-suggestions");
    expect(await axeViolations(page)).toEqual([]);

    // Choosing one: the list is that user's orders, the User ID filter holds it (with focus), the search is cleared.
    const chosen = (await choices.nth(1).locator(".mono").textContent())!;
    await choices.nth(1).click();
    const chosenCount = (await suite.apiOrders({ filter: { userId: chosen } })).totalCount!;
    await expect.poll(() => new URL(page.url()).search).toBe(`?user=${chosen}`);
    await waitForStatus(page, whole(chosenCount));
    expect(new Set(await cellTexts(page, 2))).toEqual(new Set([chosen]));
    expect(await page.getByLabel("Search").inputValue()).toBe("");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("filter-userId");

    await page.getByLabel("Search").fill("zzzz");
    await page.getByLabel("Search").press("Enter");
    await page.locator(".search-outcome").getByText("Nothing matches “zzzz”.").waitFor();
    await page.getByText("No orders match these filters.").waitFor();
  });

  it("sets whole days of the staff's own calendar with the date shortcuts, and applies them at once", async () => {
    const page = await suite.open();
    await waitForStatus(page, /^Showing 1–25/);
    const today = new Date();
    const params = () => new URL(page.url()).searchParams;

    await page.getByRole("button", { name: "Today" }).click();
    await expect.poll(() => params().get("from")).toBe(staffDay(today));
    expect(params().get("to")).toBe(staffDay(today));
    expect(await page.getByLabel("Order date from").inputValue()).toBe(staffDay(today));

    await page.getByRole("button", { name: "Last 7 days" }).click();
    await expect.poll(() => params().get("from")).toBe(staffDay(new Date(today.getTime() - 6 * 86_400_000)));
    const from = params().get("from")!;
    const to = params().get("to")!;
    expect(to).toBe(staffDay(today));
    const expected = (await suite.apiOrders({ filter: { orderDateFrom: from, orderDateTo: `${to}T23:59:59.999Z` } })).totalCount!;
    await waitForStatus(page, expected === 0 ? "No orders to show" : new RegExp(`of ${expected}$`));

    await page.getByRole("button", { name: "This month" }).click();
    await expect.poll(() => params().get("from")).toBe(`${staffDay(today).slice(0, 8)}01`);
    expect(params().get("to")!.slice(0, 7)).toBe(staffDay(today).slice(0, 7));
  });

  it("exports exactly what the list shows: the link carries its filter, search and sort", async () => {
    const store = "WEB-1388012W";
    const page = await suite.open(`/?sort=oldest&q=${store.slice(0, 5).toLowerCase()}&from=2024-01-01`);
    const expected = (await suite.apiOrders({ filter: { search: "web-1", orderDateFrom: "2024-01-01" } })).totalCount!;
    await waitForStatus(page, new RegExp(`of ${expected.toLocaleString("en-GB")}$`));
    const link = page.getByRole("link", { name: /Export CSV/ });
    const href = new URL((await link.getAttribute("href"))!, suite.server.url);
    expect(href.pathname).toBe("/export/orders.csv");
    expect(Object.fromEntries(href.searchParams)).toEqual({ search: "web-1", orderDateFrom: "2024-01-01", sort: "ORDER_DATE_ASC" });

    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^orders-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync((await download.path())!, "utf8").trimEnd().split("\r\n");
    expect(lines).toHaveLength(expected + 1);
    // In the list's order: the oldest first, the same first order as the list's first row.
    expect(lines[1]!.split(",")[0]).toBe((await cellTexts(page, 1))[0]);
  });
});
