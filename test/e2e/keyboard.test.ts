/**
 * The keyboard alone, in chromium: add an order, page on, search and choose a suggestion, open
 * an order's details and come back, each step with a visible focus ring.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { focused, rows, tomorrowUtc, unavailable, waitForStatus, webClientSuite } from "./web-client-suite.js";

describe.skipIf(unavailable !== undefined)("the keyboard alone in chromium", () => {
  const suite = webClientSuite();

  /** Tab until `done` holds (at most `limit` presses); whether it did. */
  async function tabUntil(page: Page, done: (element: Awaited<ReturnType<typeof focused>>) => boolean, limit = 40): Promise<boolean> {
    for (let presses = 0; presses < limit; presses += 1) {
      if (done(await focused(page))) return true;
      await page.keyboard.press("Tab");
    }
    return done(await focused(page));
  }

  it("adds an order and pages on with the keyboard alone, with a visible focus ring", async () => {
    const page = await suite.open();
    await waitForStatus(page, /^Showing 1–25/);
    await page.keyboard.press("Tab");
    expect(await focused(page)).toMatchObject({ id: "", text: "Add order", outline: "solid" });
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused(page)).id).toBe("order-userId");

    const userId = `e2e-keyboard-${Date.now()}`;
    const [year, month, day] = tomorrowUtc().split("-");
    const steps: Array<[string, string]> = [
      ["order-userId", userId],
      ["order-cardNumber", "5555 5555 5555 4444"],
      ["order-storeCode", "WEB-1388012W"],
      ["order-productCode", "R7-3126933h"],
      ["order-productQuantity", "7"],
      // The order date is already now: nothing to type, only to pass through.
      ["order-orderDate", ""],
      // Date inputs take the digits in the browser's field order (mm/dd/yyyy with --lang=en-US).
      ["order-shippingDate", `${month}${day}${year}`],
    ];
    const before = Date.now();
    for (const [id, keys] of steps) {
      expect((await focused(page)).id).toBe(id);
      if (keys) await page.keyboard.type(keys);
      // Chromium's date inputs take a Tab per part (and one for the calendar button) before focus leaves them.
      expect(await tabUntil(page, (element) => element.id !== id, 9)).toBe(true);
    }
    expect((await focused(page)).id).toBe("order-dateUuid");
    await page.keyboard.press("Tab");
    expect((await focused(page)).text).toBe("Add order");
    await page.keyboard.press("Enter");
    await page.getByRole("status").filter({ hasText: "Order added" }).waitFor();
    expect((await focused(page)).id).toBe("order-userId");

    const stored = await suite.apiOrders({ filter: { userId } });
    expect(stored.totalCount).toBe(1);
    expect(stored.edges[0]!.node).toMatchObject({ productQuantity: 7, cardLast4: "4444", shippingDate: `${tomorrowUtc()}T00:00:00.000Z` });
    expect(Date.parse(stored.edges[0]!.node.orderDate!)).toBeGreaterThan(before - 120_000);

    // Escape closes the form and gives focus back to the button that opened it.
    await page.keyboard.press("Escape");
    await expect.poll(async () => (await focused(page)).text).toBe("Add order");
    expect(await page.locator("#add-order").count()).toBe(0);

    // On through the filters and the table (one stop) to the pages: Next with the keyboard.
    expect(await tabUntil(page, (element) => element.text === "Next ›")).toBe(true);
    await page.keyboard.press("Enter");
    await waitForStatus(page, /^Showing 26–50 of /);
    expect((await focused(page)).text).toBe("Next ›");
  });

  it("searches, chooses a suggestion and opens an order's details with the keyboard alone", async () => {
    const users = (await suite.server.database!.query<{ v: string }>(`SELECT DISTINCT "User ID" AS v FROM orders`)).map((row) => row.v);
    const prefix = users
      .map((user) => user.slice(0, 3))
      .find((candidate) => {
        const n = users.filter((user) => user.startsWith(candidate)).length;
        return n >= 2 && n <= 6 && !candidate.match(/^[a-z]{2}-/i);
      })!;
    const page = await suite.open();
    await waitForStatus(page, /^Showing 1–25/);
    expect(await tabUntil(page, (element) => element.id === "filter-search")).toBe(true);
    await page.keyboard.type(prefix);
    await page.keyboard.press("Enter");
    await page.locator(".search-outcome").getByRole("button").first().waitFor();

    // The suggestions are buttons after the bar's own: Tab reaches them, Enter chooses.
    expect(await tabUntil(page, (element) => element.tag === "BUTTON" && (element.text ?? "").startsWith("User ID"))).toBe(true);
    const chosen = (await focused(page)).text!.replace("User ID ", "");
    expect((await focused(page)).outline).toBe("solid");
    await page.keyboard.press("Enter");
    await expect.poll(() => new URL(page.url()).searchParams.get("user")).toBe(chosen);
    expect((await focused(page)).id).toBe("filter-userId");
    await rows(page).first().waitFor();

    // On to the table, into its rows, and open the first one's details.
    expect(await tabUntil(page, (element) => element.tag === "TR")).toBe(true);
    expect((await focused(page)).outline).toBe("solid");
    await page.keyboard.press("Enter");
    const panel = page.getByRole("dialog", { name: "Order details" });
    await panel.getByText(chosen).first().waitFor();
    // Modal: Tab stays inside the panel.
    for (let presses = 0; presses < 6; presses += 1) {
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.closest("dialog") !== null || document.activeElement === document.body)).toBe(true);
    }
    await page.keyboard.press("Escape");
    await expect.poll(() => panel.count()).toBe(0);
    expect((await focused(page)).tag).toBe("TR");
  });
});
