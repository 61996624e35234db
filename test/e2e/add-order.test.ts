/**
 * Adding orders in chromium: the new order on top of Newest first (its date is now, with the
 * time), the form ready for another, View order; one act of adding stored once however often it
 * is sent, a deliberate repeat stored again; problems beside their fields, nothing stored.
 */
import { describe, expect, it } from "vitest";
import { rowCount } from "../support/orders.js";
import {
  axeViolations,
  cellTexts,
  fillOrder,
  orderField,
  rows,
  screenshot,
  showing,
  unavailable,
  validOrderFields,
  waitForStatus,
  webClientSuite,
} from "./web-client-suite.js";

describe.skipIf(unavailable !== undefined)("adding orders in chromium", () => {
  const suite = webClientSuite();
  const submit = (page: import("playwright-core").Page) => page.locator("form.add-order").getByRole("button", { name: "Add order" });

  it("adds a valid order, says so, keeps the store and dates for the next, and shows the order on top of the list without reloading", async () => {
    const n = await suite.total();
    const page = await suite.open();
    await waitForStatus(page, showing(1, 25, n));
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await page.getByRole("button", { name: "Add order" }).click();
    const userId = `e2e-${Date.now()}`;
    const before = Date.now();
    // The order date is left as the form set it: now, on the staff's clock (Los Angeles).
    const orderDate = await orderField(page, "Order date").inputValue();
    expect(orderDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    const dateUuid = await orderField(page, "Date UUID (optional)").inputValue();
    expect(dateUuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await fillOrder(page, validOrderFields(userId));
    await submit(page).click();
    await page.getByRole("status").filter({ hasText: "Order added" }).waitFor();
    expect(await orderField(page, "User ID").inputValue()).toBe("");
    expect(await orderField(page, "Card number").inputValue()).toBe("");
    expect(await orderField(page, "Store code").inputValue()).toBe("WEB-1388012W");
    expect(await orderField(page, "Order date").inputValue()).toBe(orderDate);
    expect(await orderField(page, "Date UUID (optional)").inputValue()).not.toBe(dateUuid);

    // The document cache dropped the list, which came back with the new order on top of Newest first.
    await waitForStatus(page, showing(1, 25, n + 1));
    expect((await cellTexts(page, 2))[0]).toBe(userId);
    expect(await rows(page).first().getAttribute("class")).toContain("orders__row--added");
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    const stored = await suite.apiOrders({ filter: { userId } });
    expect(stored.totalCount).toBe(1);
    expect(stored.edges[0]!.node.cardLast4).toBe("4242");
    expect(stored.edges[0]!.node.dateUuid).toBe(dateUuid);
    // Now, to the minute the form showed, as a moment with its time (not midnight UTC).
    const storedAt = Date.parse(stored.edges[0]!.node.orderDate!);
    expect(storedAt).toBeGreaterThan(before - 120_000);
    expect(storedAt).toBeLessThanOrEqual(Date.now());
    await screenshot(page, "order-added");

    // View order: the new order's details, over the list.
    await page.getByRole("button", { name: "View order" }).click();
    const details = page.getByRole("dialog", { name: "Order details" });
    await details.getByText(userId).waitFor();
    expect(new URL(page.url()).searchParams.get("order")).toBe(stored.edges[0]!.node.id);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("View order");
  });

  it("stores one act of adding once, however often it is sent, and a deliberate repeat as a new order", async () => {
    const page = await suite.open();
    await waitForStatus(page, /^Showing 1–25/);
    const userId = `e2e-repeat-${Date.now()}`;
    const sent: string[] = [];
    // The first answer is lost on the way back (the order is stored, the page never hears): staff send again.
    let lose = true;
    await page.route("**/graphql", async (route) => {
      if (!route.request().postData()?.includes("AddOrder")) return route.continue();
      sent.push((route.request().postDataJSON() as { variables: { input: { dateUuid: string } } }).variables.input.dateUuid);
      const response = await route.fetch();
      if (lose) {
        lose = false;
        return route.abort("connectionreset");
      }
      return route.fulfill({ response });
    });
    suite.allowErrors(/Failed to load resource/);
    await page.getByRole("button", { name: "Add order" }).click();
    await fillOrder(page, validOrderFields(userId));
    await submit(page).dblclick();
    await page.locator("form.add-order").getByRole("alert").waitFor();
    await submit(page).click();
    await page.getByRole("status").filter({ hasText: "Order added" }).waitFor();
    // Every request of this act of adding (the double click is one) carried the same Date UUID: one row.
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sent).size).toBe(1);
    expect((await suite.apiOrders({ filter: { userId } })).totalCount).toBe(1);

    // The same order again, on purpose: a new act of adding, a new Date UUID, a second row.
    const first = sent[0];
    await fillOrder(page, validOrderFields(userId));
    await submit(page).click();
    await expect.poll(async () => (await suite.apiOrders({ filter: { userId } })).totalCount).toBe(2);
    expect(sent.at(-1)).not.toBe(first);
  });

  it("shows an invalid card number beside its field, focuses it, and stores nothing", async () => {
    const page = await suite.open();
    await waitForStatus(page, /^Showing 1–25/);
    const before = await rowCount(suite.server.database!);
    const graphqlPosts: string[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/graphql") && request.postData()?.includes("addOrder")) graphqlPosts.push(request.postData()!);
    });
    await page.getByRole("button", { name: "Add order" }).click();
    const userId = `e2e-bad-card-${Date.now()}`;
    await fillOrder(page, {
      ...validOrderFields(userId),
      "Card number": "4242 4242 4242 4241",
      "Order date": "2024-05-01T10:15",
      "Shipping date": "2024-04-28",
    });
    await submit(page).click();

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
    await screenshot(page, "add-order-errors");
    expect(await axeViolations(page)).toEqual([]);

    expect(graphqlPosts).toEqual([]);
    expect((await suite.apiOrders({ filter: { userId } })).totalCount).toBe(0);
    expect(await rowCount(suite.server.database!)).toBe(before);
  });

  it("puts the server's own per-field answer (ORDER_EXISTS) beside the Date UUID", async () => {
    const existing = (await suite.apiOrders({ page: { first: 1 } })).edges[0]!.node;
    const page = await suite.open();
    await page.getByRole("button", { name: "Add order" }).click();
    await fillOrder(page, {
      ...validOrderFields(existing.userId),
      "Store code": "OTHER-STORE",
      "Order date": "2024-05-01T10:15",
      "Shipping date": "2024-05-03",
      "Date UUID (optional)": existing.dateUuid,
    });
    await submit(page).click();
    const uuid = orderField(page, "Date UUID (optional)");
    await expect.poll(() => uuid.getAttribute("aria-invalid")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("order-dateUuid");
    expect(await page.locator("#order-dateUuid-error").textContent()).toMatch(/\S/);
    expect((await suite.apiOrders({ filter: { userId: existing.userId, storeCode: "OTHER-STORE" } })).totalCount).toBe(0);
  });
});
