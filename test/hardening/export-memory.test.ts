/**
 * Drill: the CSV export of a whole large list, from the built server as its own process, while
 * its resident memory is read from the kernel. The export walks keyset pages and streams them,
 * so memory stays flat whatever the row count. EXPORT_DRILL_ROWS sets the size (default 100,000;
 * the README's figure for 1,000,000 comes from EXPORT_DRILL_ROWS=1000000).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runtimeEnvironment } from "../delivery/dockerfile.js";
import { seedTestDatabase } from "../support/databases.js";
import { startServerProcess } from "../support/server-process.js";

const ROWS = Number(process.env.EXPORT_DRILL_ROWS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), "orders-export-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match![1]) / 1024;
}

/** Reads a response to its end, counting lines and bytes, keeping none of it. */
async function drain(response: Response): Promise<{ lines: number; bytes: number }> {
  let lines = 0;
  let bytes = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { lines, bytes };
    bytes += value.length;
    for (const byte of value) if (byte === 10) lines += 1;
  }
}

describe("exporting a large list", () => {
  it(`streams ${ROWS.toLocaleString("en")} orders in flat memory`, { timeout: 600_000 }, async () => {
    const file = join(dir, "export.sqlite");
    await seedTestDatabase(`sqlite:${file}`, { count: ROWS, seed: 3, until: new Date("2024-06-30") });
    // With the image's V8 settings (NODE_OPTIONS), as it runs in production; sign-in off, as this is about memory.
    const { NODE_OPTIONS } = runtimeEnvironment();
    const server = await startServerProcess({ DATABASE_URL: `sqlite:${file}`, SEED_DEMO: "false", ...(NODE_OPTIONS ? { NODE_OPTIONS } : {}) });
    try {
      const pid = server.child.pid!;
      // A small export first, so that what is measured is the export's growth, not the first request's warm-up.
      await drain(await fetch(`${server.url}/export/orders.csv?search=zzz-none`));
      const before = rssMb(pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 20);
      const started = performance.now();
      const response = await fetch(`${server.url}/export/orders.csv`);
      const { lines, bytes } = await drain(response);
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      peak = Math.max(peak, rssMb(pid));
      console.log(
        `export drill: ${(lines - 1).toLocaleString("en")} orders, ${(bytes / 1e6).toFixed(1)} MB of CSV in ${seconds.toFixed(1)} s ` +
          `(${Math.round((lines - 1) / seconds).toLocaleString("en")} rows/s); server RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB`,
      );
      expect(response.status).toBe(200);
      expect(lines - 1).toBe(ROWS);
      // Flat: the growth of a walk in pages of 1,000, whatever the total (a list held whole would be hundreds of MB).
      expect(peak - before).toBeLessThan(60);
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
    }
  });
});
