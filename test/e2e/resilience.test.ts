/**
 * When things go wrong, in chromium: the service unreachable or failing (Retry, and trying again
 * by itself), the computer offline, a link that is out of date or edited; always in words for
 * people, never the API's field paths.
 */
import { describe, expect, it } from "vitest";
import { expectWordsForPeople, showing, status, unavailable, waitForStatus, webClientSuite } from "./web-client-suite.js";

const LINK_NOTE = "Part of this link was out of date or not valid, so it opens at the first page.";

describe.skipIf(unavailable !== undefined)("the web client when things go wrong, in chromium", () => {
  const suite = webClientSuite();

  it("offers Retry when the service cannot be reached, and recovers", async () => {
    const n = await suite.total();
    const page = await suite.open();
    await waitForStatus(page, /^Showing 1–25/);
    suite.allowErrors(/Failed to load resource/);
    await page.route("**/graphql", (route) => route.abort("connectionrefused"));
    await page.getByRole("button", { name: "Next" }).click();
    const alert = page.getByRole("alert");
    await alert.getByText("The orders service cannot be reached").waitFor();
    expect(await status(page).textContent()).toBe("Orders not loaded");
    expect(await alert.textContent()).toContain("The list tries again by itself.");
    await expectWordsForPeople(page);
    await page.unroute("**/graphql");
    // Retry, unless the list has already tried again by itself in the meantime.
    await alert.getByRole("button", { name: "Retry" }).click({ timeout: 2_000 }).catch(() => undefined);
    await waitForStatus(page, showing(26, 50, n));
  });

  it("tries again by itself after a failed load, further apart each time, and recovers without a click", async () => {
    const n = await suite.total();
    const page = await suite.open();
    await waitForStatus(page, /^Showing 1–25/);
    suite.allowErrors(/Failed to load resource/);
    const attempts: number[] = [];
    await page.route("**/graphql", (route) => {
      attempts.push(Date.now());
      // The service answers again on the third try.
      return attempts.length < 3 ? route.fulfill({ status: 503, body: "Service Unavailable" }) : route.continue();
    });
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("alert").getByText("(HTTP 503)", { exact: false }).waitFor();
    await waitForStatus(page, showing(26, 50, n));
    expect(attempts).toHaveLength(3);
    const [first, second, third] = attempts as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(1_900);
    expect(third - second).toBeGreaterThan(second - first);
    expect(await page.getByRole("alert").count()).toBe(0);
  });

  it("says when the computer is offline and reloads the list when it is back", async () => {
    const n = await suite.total();
    const page = await suite.open();
    await waitForStatus(page, /^Showing 1–25/);
    suite.allowErrors(/Failed to load resource/);
    await suite.context!.setOffline(true);
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByText("This computer is offline", { exact: false }).first().waitFor();
    await suite.context!.setOffline(false);
    await waitForStatus(page, showing(26, 50, n));
    expect(await page.getByText("This computer is offline", { exact: false }).count()).toBe(0);
  });

  it("shows the request id of a failed request in words of its own, never the API's pointers for programmers", async () => {
    const n = await suite.total();
    let fail = true;
    const page = await suite.open("/", {
      prepare: (page) =>
        page.route("**/graphql", (route) => {
          if (!fail) return route.continue();
          fail = false;
          return route.fulfill({
            status: 200,
            contentType: "application/json",
            body: JSON.stringify({
              errors: [
                {
                  message: "Something went wrong on our side. It has been logged: quote the request id (extensions.requestId) if you report it.",
                  extensions: { code: "INTERNAL_SERVER_ERROR", requestId: "req-e2e-4711" },
                },
              ],
            }),
          });
        }),
    });
    const alert = page.getByRole("alert");
    await alert.getByText("Request id:").waitFor();
    expect(await alert.locator("code").textContent()).toBe("req-e2e-4711");
    expect(await alert.textContent()).toContain("Something went wrong on our side.");
    await expectWordsForPeople(page);
    // And it tries again by itself: the list arrives.
    await waitForStatus(page, showing(1, 25, n));
  });

  it("opens an out-of-date or edited link at the first page, with a short note", async () => {
    const n = await suite.total();
    const page = await suite.open("/?after=not-a-cursor&row=26&store=WEB-1388012W");
    const count = (await suite.apiOrders({ filter: { storeCode: "WEB-1388012W" } })).totalCount!;
    await waitForStatus(page, showing(1, 25, count));
    expect(await page.getByRole("status").filter({ hasText: LINK_NOTE }).count()).toBe(1);
    // The same list (its filter kept), at its start; the address says so too, and the back button does not lead back into the broken link.
    expect(new URL(page.url()).search).toBe("?store=WEB-1388012W");
    expect(await page.getByRole("alert").count()).toBe(0);
    await expectWordsForPeople(page);
    expect(suite.server.logs.join("\n")).not.toContain("unexpected error");

    // A date that does not exist: left out, first page, the same note; the note goes with the next move.
    await page.goto(`${suite.server.url}/?from=2024-02-30&page=last`);
    await waitForStatus(page, showing(1, 25, n));
    expect(await page.getByText(LINK_NOTE).count()).toBe(1);
    expect(new URL(page.url()).search).toBe("");
    await page.getByRole("button", { name: "Next" }).click();
    await waitForStatus(page, showing(26, 50, n));
    expect(await page.getByText(LINK_NOTE).count()).toBe(0);
  });
});
