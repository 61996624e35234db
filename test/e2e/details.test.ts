/**
 * An order's details in chromium: opened by a click on its row or Enter on it, every field with
 * Copy buttons for the ids and who added it; Escape and Close give focus back to the row; the
 * address (?order=<id>) opens the same panel for whoever it is shared with.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, focused, rows, screenshot, staffDate, unavailable, waitForStatus, webClientSuite } from "./web-client-suite.js";

describe.skipIf(unavailable !== undefined)("an order's details in chromium", () => {
  const suite = webClientSuite();
  const panel = (page: Page) => page.getByRole("dialog", { name: "Order details" });

  /** The panel's fields as label → value text (the Copy buttons' words left out). */
  async function fields(page: Page): Promise<Record<string, string>> {
    return panel(page)
      .locator(".details__field")
      .evaluateAll((entries) =>
        Object.fromEntries(entries.map((entry) => [entry.querySelector("dt")!.textContent!, entry.querySelector("dd > span")!.textContent!])),
      );
  }

  it("opens from a click on a row with every field, copies the ids, and gives focus back to the row on Escape", async () => {
    const page = await suite.open("/", { viewport: { width: 1366, height: 900 }, permissions: ["clipboard-read", "clipboard-write"] });
    await waitForStatus(page, /^Showing 1–25/);
    const order = (await suite.apiOrders({ page: { first: 3 } })).edges[2]!.node;
    await rows(page).nth(2).click();
    await panel(page).getByText("Added by").waitFor();
    expect(new URL(page.url()).searchParams.get("order")).toBe(order.id);
    expect(await fields(page)).toEqual({
      "Date UUID": order.dateUuid,
      "User ID": order.userId,
      "Card number": order.cardNumberMasked,
      "Store code": order.storeCode,
      "Product code": order.productCode,
      Quantity: String(order.productQuantity),
      "Order date": staffDate.format(new Date(order.orderDate!)),
      "Shipping date": staffDate.format(new Date(order.shippingDate!)),
      // Seeded straight into the table, as the old app did: nobody is known to have added it.
      "Added by": "—",
      "Added at": "—",
      "Order id": order.id,
    });
    for (const label of ["Date UUID", "User ID", "Order id"]) {
      await panel(page).getByRole("button", { name: `Copy ${label}` }).click();
      await panel(page).getByRole("status").filter({ hasText: "Copied" }).first().waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe({ "Date UUID": order.dateUuid, "User ID": order.userId, "Order id": order.id }[label]);
    }
    await screenshot(page, "order-details", false);
    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.press("Escape");
    await expect.poll(() => panel(page).count()).toBe(0);
    expect(new URL(page.url()).searchParams.has("order")).toBe(false);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.order)).toBe(order.id);
  });

  it("opens with Enter on a row reached by the keyboard, and Close gives focus back to it", async () => {
    const page = await suite.open();
    await waitForStatus(page, /^Showing 1–25/);
    const order = (await suite.apiOrders({ page: { first: 2 } })).edges[1]!.node;
    // The table is one stop for Tab; the arrow keys move between its rows.
    await page.getByRole("link", { name: /Export CSV/ }).focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.order)).toBe((await suite.apiOrders({ page: { first: 1 } })).edges[0]!.node.id);
    expect((await focused(page)).outline).toBe("solid");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await panel(page).getByText(order.dateUuid).waitFor();
    // Focus is in the panel (modal: Tab stays inside it), on its Close button.
    expect((await focused(page)).text).toBe("Close");
    await page.keyboard.press("Enter");
    await expect.poll(() => panel(page).count()).toBe(0);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.order)).toBe(order.id);
    // Closing went back to where the list was before the panel opened: Forward opens the panel again.
    expect(new URL(page.url()).search).toBe("");
    await page.goForward();
    await panel(page).getByText(order.dateUuid).waitFor();
  });

  it("opens from a shared link (?order=<id>), and says so plainly when the link leads to no order", async () => {
    const order = (await suite.apiOrders({ page: { first: 30 } })).edges[29]!.node;
    const page = await suite.open(`/?order=${order.id}`);
    await panel(page).getByText(order.userId).waitFor();
    expect((await fields(page))["Date UUID"]).toBe(order.dateUuid);
    // The list is there behind it; closing the panel leaves the list, without the order in the address.
    await panel(page).getByRole("button", { name: "Close" }).click();
    await expect.poll(() => panel(page).count()).toBe(0);
    await waitForStatus(page, /^Showing 1–25/);
    expect(new URL(page.url()).search).toBe("");

    await page.goto(`${suite.server.url}/?order=not-an-order-id`);
    await panel(page).getByText("No order has this id.", { exact: false }).waitFor();
    await page.goto(`${suite.server.url}/?order=${order.id.slice(0, -4)}AAAA`);
    await panel(page).getByText("No order has this id.", { exact: false }).waitFor();
    expect(await panel(page).innerText()).not.toMatch(/\bid is not|extensions/);
  });

  it("shows who added an order and when, for an order added here", async () => {
    const page = await suite.open();
    await waitForStatus(page, /^Showing 1–25/);
    const added = await suite.server.graphql<{ addOrder: { id: string } }>(
      `mutation { addOrder(input: { userId: "details-added", cardNumber: "4242424242424242", storeCode: "S-1", productCode: "P-1", productQuantity: 2, orderDate: "2024-05-01T17:45:00Z", shippingDate: "2024-05-02" }) { id } }`,
    );
    await page.goto(`${suite.server.url}/?order=${added.data!.addOrder.id}`);
    await panel(page).getByText("details-added").waitFor();
    const shown = await fields(page);
    // A moment with its time, on the staff's clock (Los Angeles: 10:45 on 1 May); a calendar date alone.
    expect(shown["Order date"]).toBe(new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "America/Los_Angeles" }).format(new Date("2024-05-01T17:45:00Z")));
    expect(shown["Shipping date"]).toBe("2 May 2024");
    // Sign-in is off on this server: the API knows no name to record.
    expect(shown["Added by"]).toBe("—");
  });
});
