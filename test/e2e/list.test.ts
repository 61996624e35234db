/**
 * The order list in chromium: how it is served, what it shows, and how it pages (the URL keeps
 * the page for reload and the back button; paging goes back to the top of the table).
 */
import { describe, expect, it } from "vitest";
import { measureBundle } from "../../client/bundle-size.js";
import type { OrdersData } from "../support/orders.js";
import {
  axeViolations,
  cellTexts,
  number,
  rows,
  screenshot,
  showing,
  staffDate,
  status,
  unavailable,
  waitForStatus,
  webClientSuite,
} from "./web-client-suite.js";

describe.skipIf(unavailable !== undefined)("the order list in chromium", () => {
  const suite = webClientSuite();

  it("serves the client with hashed assets cached for a year and index.html revalidated", async () => {
    const index = await fetch(`${suite.server.url}/`, { headers: { accept: "text/html" } });
    expect(index.headers.get("cache-control")).toBe("no-cache");
    const html = await index.text();
    const script = /src="(\/assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
    expect(script, "index.html loads a hashed script under /assets/").toBeDefined();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\bstyle=/);
    const asset = await fetch(suite.server.url + script);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const deepLink = await fetch(`${suite.server.url}/orders?size=50`, { headers: { accept: "text/html" } });
    expect(await deepLink.text()).toBe(html);
  });

  it("lists the 25 newest orders in the eight columns, the card as its last four digits, dates in the staff's locale and numbers right-aligned", async () => {
    const scripts: string[] = [];
    const operations: string[] = [];
    const page = await suite.open("/", {
      prepare: (page) => {
        page.on("response", (response) => {
          if (response.url().endsWith(".js")) scripts.push(new URL(response.url()).pathname.slice(1));
        });
        page.on("request", (request) => {
          if (request.url().endsWith("/graphql")) operations.push(`${request.method()} ${(request.postDataJSON() as { operationName?: string }).operationName}`);
        });
      },
    });
    await waitForStatus(page, showing(1, 25, await suite.total()));
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
    const api = await suite.apiOrders({ page: { first: 25 } });
    expect(await cellTexts(page, 1)).toEqual(api.edges.map((edge) => edge.node.dateUuid));
    expect(await cellTexts(page, 2)).toEqual(api.edges.map((edge) => edge.node.userId));
    // The full ids are the cells' titles (shown on hover) as well as their text (what a selection copies).
    expect(await rows(page).locator("td:nth-child(1)").evaluateAll((cells) => cells.map((cell) => cell.getAttribute("title")))).toEqual(
      api.edges.map((edge) => edge.node.dateUuid),
    );
    expect(await cellTexts(page, 3)).toEqual(api.edges.map((edge) => `•••• ${edge.node.cardLast4}`));
    expect((await cellTexts(page, 3)).every((text) => /^•••• \d{4}$/.test(text))).toBe(true);
    // Calendar dates at midnight UTC, shown in UTC: the same day in Los Angeles, the year always there.
    expect(await cellTexts(page, 7)).toEqual(api.edges.map((edge) => staffDate.format(new Date(edge.node.orderDate!))));
    expect(await cellTexts(page, 8)).toEqual(api.edges.map((edge) => staffDate.format(new Date(edge.node.shippingDate!))));
    expect((await cellTexts(page, 7)).every((text) => /\b\d{4}$/.test(text))).toBe(true);
    expect(await rows(page).first().locator("td:nth-child(6)").evaluate((cell) => getComputedStyle(cell).textAlign)).toBe("right");

    // The first page needs exactly the scripts the size budget counts, and the form and the details panel are not among them.
    expect(scripts.sort()).toEqual(measureBundle(suite.clientDir).firstPage.map((script) => script.file));
    await screenshot(page, "orders-list");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("moves through pages with Next, Previous, Last and First, and keeps the page in the URL for reload and the back button", async () => {
    const n = await suite.total();
    const page = await suite.open();
    const all = await suite.apiOrders({ page: { first: 50 } });
    const last = await suite.apiOrders({ page: { last: 50 } });
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

    await page.getByRole("button", { name: "Last", exact: true }).click();
    await waitForStatus(page, showing(n - 24, n, n));
    expect(await cellTexts(page, 1)).toEqual(dateUuids(last, 25, 50));
    expect(await page.getByRole("button", { name: "Next" }).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Last", exact: true }).isDisabled()).toBe(true);
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

  it("keeps the header row in sight while the rows scroll, and goes back to the top of the table for the next page", async () => {
    const n = await suite.total();
    const page = await suite.open("/?size=100", { viewport: { width: 1366, height: 768 } });
    await waitForStatus(page, showing(1, 100, n));
    const headerTop = () => page.locator("thead th").first().evaluate((cell) => Math.round(cell.getBoundingClientRect().top));
    await rows(page).nth(60).scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    expect(await headerTop()).toBe(0);

    await page.getByRole("button", { name: "Next" }).click();
    await waitForStatus(page, showing(101, 200, n));
    // The list's top is in sight again, its first rows under the header.
    const listTop = await page.locator("section.list").evaluate((section) => section.getBoundingClientRect().top);
    expect(Math.abs(listTop)).toBeLessThan(2);
    expect(await rows(page).first().isVisible()).toBe(true);
  });

  it("is honest about the position when a shared link carries only a cursor", async () => {
    const n = await suite.total();
    const page = await suite.open();
    await waitForStatus(page, showing(1, 25, n));
    const cursor = (await suite.apiOrders({ page: { first: 25 } })).pageInfo.endCursor!;
    await page.goto(`${suite.server.url}/?after=${encodeURIComponent(cursor)}`);
    await waitForStatus(page, `Showing 25 orders of ${number.format(n)} (position in the list not known)`);
    await page.getByRole("button", { name: "Previous" }).click();
    // At the start of the list the position is certain again.
    await waitForStatus(page, showing(1, 25, n));
  });

  it("keeps its layout while the first page loads (placeholder rows of the same height)", async () => {
    const n = await suite.total();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const page = await suite.open("/", {
      prepare: async (page) => {
        await page.route("**/graphql", async (route) => {
          await held;
          await route.continue();
        });
      },
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
});
