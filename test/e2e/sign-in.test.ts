/**
 * Staff sign-in in a real browser (chromium) through the real OpenID provider's own pages: a
 * writer signs in, lists and adds an order that says who added it; a reader sees no way to add
 * one and a crafted request is refused; signing out ends the session for good.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TestUser } from "../idp/identity-provider.js";
import { identityProviderForSuite } from "../support/identity-provider-suite.js";
import { ADD_ORDER, validOrder } from "../support/orders.js";
import { freePort, signInEnv } from "../support/sign-in.js";
import { recordSecret } from "../support/transcripts.js";
import { chromiumUnavailable, launchChromium, type RunningBrowser } from "./browser.js";
import { ensureClientBuilt } from "./client-build.js";
import { startWebServer, type WebServer } from "./web-server.js";

const unavailable = chromiumUnavailable();
const suite = identityProviderForSuite();

describe.skipIf(unavailable !== undefined)("sign-in in chromium", () => {
  let server: WebServer;
  let chrome: RunningBrowser;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    const clientDir = await ensureClientBuilt();
    const port = await freePort();
    [server, chrome] = await Promise.all([startWebServer({ clientDir, orders: 60, env: signInEnv(suite.idp, port) }), launchChromium()]);
    browser = chrome.browser;
  }, 240_000);

  afterAll(async () => {
    await chrome?.close();
    await server?.stop();
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  /** Opens `path` signed out: the server sends the browser to the provider, where `user` signs in, and back. */
  async function signIn(user: TestUser, path = "/"): Promise<Page> {
    // The provider's certificate is the test run's own, self-signed.
    context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url + path);
    await page.waitForURL((url) => url.href.startsWith(suite.idp.issuer));
    await page.locator('input[name="login"]').fill(user);
    await page.locator('input[name="password"]').fill("any password");
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.href.startsWith(server.url));
    await page.locator("tbody tr.orders__row").first().waitFor();
    for (const cookie of await context.cookies(server.url)) recordSecret(cookie.value);
    return page;
  }

  it("a writer signs in, comes back to the page asked for, adds an order and sees who added it", async () => {
    const page = await signIn("writer", "/?sort=ORDER_DATE_ASC");
    expect(new URL(page.url()).search).toBe("?sort=ORDER_DATE_ASC");
    await expect.poll(() => page.locator(".header__name").textContent()).toBe("Walter Writer");
    const cookies = await context!.cookies(server.url);
    const session = cookies.find((cookie) => cookie.name === "__Host-orders-session");
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });

    await page.getByRole("button", { name: "Add order" }).click();
    const order = validOrder({ userId: "browser-writer" });
    const field = (label: string) => page.locator("form.add-order").getByLabel(label, { exact: true });
    for (const [label, value] of Object.entries({
      "User ID": order.userId,
      "Card number": order.cardNumber,
      "Store code": order.storeCode,
      "Product code": order.productCode,
      Quantity: order.productQuantity,
      // The form's order date is a date and a time on the staff's clock.
      "Order date": `${order.orderDate}T09:30`,
      "Shipping date": order.shippingDate,
    })) {
      await field(label).fill(String(value));
    }
    await page.locator("form.add-order").getByRole("button", { name: "Add order" }).click();
    await expect.poll(() => page.locator(".add-order__status").textContent()).toMatch(/added by Walter Writer/);
    // Its details say who added it, and when.
    await page.getByRole("button", { name: "View order" }).click();
    const details = page.getByRole("dialog", { name: "Order details" });
    await details.getByText("Walter Writer").waitFor();
    const addedAt = await details.locator(".details__field", { hasText: "Added at" }).locator("dd").textContent();
    expect(addedAt).toMatch(/\d{4}, \d{1,2}:\d{2}/);
  });

  it("a reader sees no Add order button, and a crafted addOrder from the page is FORBIDDEN", async () => {
    const page = await signIn("reader");
    await expect.poll(() => page.locator(".header__name").textContent()).toBe("Rita Reader");
    expect(await page.getByRole("button", { name: "Add order" }).count()).toBe(0);
    const answer = await page.evaluate(
      async ({ query, input }) => {
        const response = await fetch("/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables: { input } }) });
        return { status: response.status, body: await response.json() };
      },
      { query: ADD_ORDER, input: validOrder({ userId: "browser-reader" }) },
    );
    expect(answer.status).toBe(403);
    expect(answer.body.errors[0].extensions.code).toBe("FORBIDDEN");
    expect(await server.database!.query("SELECT * FROM orders WHERE \"User ID\" = 'browser-reader'")).toEqual([]);
  });

  it("signing out ends the session: the old cookie no longer opens the API", async () => {
    const page = await signIn("reader");
    const cookie = (await context!.cookies(server.url)).map((each) => `${each.name}=${each.value}`).join("; ");
    const list = () => fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify({ query: "{ orders { totalCount } }" }) });
    expect((await list()).status).toBe(200);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.href.startsWith(suite.idp.issuer));
    expect((await list()).status).toBe(401);
    expect((await context!.cookies(server.url)).some((each) => each.name === "__Host-orders-session")).toBe(false);
  });
});
