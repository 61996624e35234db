/**
 * Debian's chromium, driven by playwright-core. Without it the browser suite is skipped (and
 * says why), except with CI=true, where a missing browser fails the run.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const IN_CI = process.env.CI === "true";

/** Undefined when chromium can be used; otherwise why not. Throws in CI, where it must be there. */
export function chromiumUnavailable(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const reason = `chromium is not installed at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
  if (IN_CI) throw new Error(`CI=true needs a browser for the end-to-end tests: ${reason}`);
  console.warn(`Browser end-to-end suite NOT RUN: ${reason}.`);
  return reason;
}

export interface RunningBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Headless chromium with nothing running in the background. playwright-core gives each launch
 * a fresh temporary profile (its own --user-data-dir) and removes it on close.
 */
export async function launchChromium(): Promise<RunningBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-quic",
      "--no-first-run",
      "--disable-sync",
      // The browser's own language fixes the field order of date inputs (mm/dd/yyyy) for keyboard tests;
      // the page's locale (number and date formats) is set per context.
      "--lang=en-US",
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}
