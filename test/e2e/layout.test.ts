/**
 * The page at the widths staff use, in both colour schemes: nothing important cut at 1280 and
 * 1366 px (only ids end in an ellipsis, their full value in the title), the width used at 1920,
 * cards at 390; dark when the system is; axe-clean either way. Screenshots of each go to
 * test-results/ (layout-<width>-<scheme>.png).
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, rows, screenshot, showing, unavailable, waitForStatus, webClientSuite } from "./web-client-suite.js";

const WIDTHS = [1280, 1366, 1920, 390] as const;
const SCHEMES = ["light", "dark"] as const;

interface CellFit {
  column: string;
  text: string;
  cut: boolean;
  title: string | null;
}

/** Each cell of the rows shown: is its text wider than its box? */
function cellFits(page: Page): Promise<CellFit[]> {
  return rows(page)
    .locator("td")
    .evaluateAll((cells) =>
      cells.map((cell) => ({
        column: cell.getAttribute("data-label") ?? "",
        text: cell.textContent ?? "",
        cut: cell.scrollWidth > cell.clientWidth,
        title: cell.getAttribute("title"),
      })),
    );
}

describe.skipIf(unavailable !== undefined)("the layout in chromium", () => {
  const suite = webClientSuite();

  for (const width of WIDTHS) {
    for (const colorScheme of SCHEMES) {
      it(`at ${width} px, ${colorScheme}: nothing important is cut, the card's digits never, and axe finds nothing`, async () => {
        const page = await suite.open("/", { viewport: { width, height: width === 390 ? 844 : 900 }, colorScheme });
        await waitForStatus(page, showing(1, 25, await suite.total()));
        const fits = await cellFits(page);
        expect(fits.length).toBe(25 * 8);

        // The card's last four digits, whole, in every row (scrollWidth against clientWidth).
        const cards = fits.filter((fit) => fit.column === "Card Number");
        expect(cards.every((fit) => /^•••• \d{4}$/.test(fit.text))).toBe(true);
        expect(cards.filter((fit) => fit.cut)).toEqual([]);
        // Only an id may end in an ellipsis, and then its whole value is its title.
        const cut = fits.filter((fit) => fit.cut);
        expect(cut.filter((fit) => fit.column !== "Date UUID" && fit.column !== "User ID")).toEqual([]);
        expect(cut.every((fit) => fit.title === fit.text)).toBe(true);
        // Dates always with their year.
        expect(fits.filter((fit) => fit.column.endsWith("Date")).every((fit) => /\b\d{4}\b/.test(fit.text))).toBe(true);
        // The page itself never scrolls sideways.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

        const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
        const [red] = /\d+/.exec(background)!.map(Number);
        if (colorScheme === "dark") expect(red).toBeLessThan(60);
        else expect(red).toBeGreaterThan(200);

        if (width === 390) {
          // Each order a card: the header row hidden, each value under its column's name.
          expect(await rows(page).first().evaluate((row) => getComputedStyle(row).display)).toBe("grid");
          expect(await page.locator("thead").evaluate((head) => head.getBoundingClientRect().height)).toBeLessThanOrEqual(1);
          expect(await rows(page).first().locator("td.col-card").evaluate((cell) => getComputedStyle(cell, "::before").content)).toBe('"Card Number"');
        } else {
          const table = (await page.locator("table.orders").boundingBox())!;
          // The table uses the width: all of it, but for the page's margins.
          expect(table.width).toBeGreaterThan(width - 60);
        }
        if (width === 1920) {
          // With the room there is, the ids are whole too.
          expect(cut).toEqual([]);
        }
        // A phone's first screen, and its first cards; the whole page at the other widths.
        await screenshot(page, `layout-${width}-${colorScheme}`, width !== 390);
        if (width === 390) {
          await page.locator("table.orders").evaluate((table) => table.scrollIntoView());
          await screenshot(page, `layout-${width}-${colorScheme}-cards`, false);
        }
        expect(await axeViolations(page)).toEqual([]);
      });
    }
  }

  it("dark: the details panel and the add-order form are axe-clean too", async () => {
    const page = await suite.open("/", { viewport: { width: 1366, height: 900 }, colorScheme: "dark" });
    await waitForStatus(page, /^Showing 1–25/);
    await page.getByRole("button", { name: "Add order" }).click();
    await page.locator("form.add-order").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "add-order-1366-dark");
    await rows(page).first().click();
    await page.getByRole("dialog", { name: "Order details" }).getByText("Added by").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "details-1366-dark", false);
  });
});
