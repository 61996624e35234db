/**
 * Drill: SIGTERM while a steady load runs (reads and writes from several clients). Every request
 * the server had accepted before the signal completes successfully; later ones are turned away
 * (503, or no connection), none hangs; the process exits 0 within the grace period.
 * SHUTDOWN_DRILL_LOAD_MS sets how long the load runs before the signal (default 1,500).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ADD_ORDER, validOrder } from "../support/orders.js";
import { startServerProcess } from "../support/server-process.js";

const LOAD_MS = Number(process.env.SHUTDOWN_DRILL_LOAD_MS ?? 1_500);
const GRACE_MS = 10_000;
const CLIENTS = 8;
/** A request sent this long before the signal has certainly been read by the server. */
const ACCEPTED_MARGIN_MS = 10;

const dir = mkdtempSync(join(tmpdir(), "orders-shutdown-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  sentAt: number;
  endedAt: number;
  status: number | "no connection";
  ok: boolean;
}

describe("graceful shutdown under load", () => {
  it("finishes what it accepted, refuses the rest, and exits 0 in time", async () => {
    // Rate limiting off: this drill is about draining, and a fast machine sends more than the default allows in a minute.
    const server = await startServerProcess({ DATABASE_URL: `sqlite:${join(dir, "drain.sqlite")}`, SHUTDOWN_TIMEOUT_MS: String(GRACE_MS), RATE_LIMIT_PER_MINUTE: "0" });
    const outcomes: Outcome[] = [];
    let signalAt = Number.POSITIVE_INFINITY;
    let sequence = 0;

    const client = async (id: number): Promise<void> => {
      while (Date.now() < signalAt + 1_000) {
        sequence += 1;
        const write = sequence % 4 === 0;
        const body = write
          ? { query: ADD_ORDER, variables: { input: validOrder({ userId: `drain-${id}-${sequence}` }) } }
          : { query: "{ orders(page: { first: 25 }) { totalCount edges { node { id orderDate } } } }" };
        const sentAt = Date.now();
        try {
          const response = await fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
          const text = await response.text();
          outcomes.push({ sentAt, endedAt: Date.now(), status: response.status, ok: response.status === 200 && !text.includes('"errors"') });
        } catch {
          outcomes.push({ sentAt, endedAt: Date.now(), status: "no connection", ok: false });
          return;
        }
      }
    };

    const clients = Array.from({ length: CLIENTS }, (_, id) => client(id));
    // Steady load first: the load's duration, and enough answers that the server is warm (a busy machine is slow).
    const loadStarted = Date.now();
    while (Date.now() - loadStarted < LOAD_MS || outcomes.length < 50) await new Promise((resolve) => setTimeout(resolve, 20));
    signalAt = Date.now();
    server.child.kill("SIGTERM");
    const exitCode = await server.exited;
    const exitedAfterMs = Date.now() - signalAt;
    await Promise.all(clients);

    const accepted = outcomes.filter((outcome) => outcome.sentAt < signalAt - ACCEPTED_MARGIN_MS);
    const inFlightAtSignal = accepted.filter((outcome) => outcome.endedAt >= signalAt);
    const later = outcomes.filter((outcome) => outcome.sentAt >= signalAt);
    console.log(
      `shutdown drill: ${accepted.length} requests accepted before SIGTERM (${inFlightAtSignal.length} still in flight at the signal), ` +
        `all ${accepted.filter((outcome) => outcome.ok).length} answered 200; ${later.length} sent after it; exit ${exitCode} after ${exitedAfterMs} ms`,
    );
    expect(accepted.length).toBeGreaterThanOrEqual(50);
    expect(accepted.filter((outcome) => !outcome.ok)).toEqual([]);
    for (const outcome of later) expect([200, 503, "no connection"]).toContain(outcome.status);
    expect(exitCode, server.output().slice(-3000)).toBe(0);
    expect(exitedAfterMs).toBeLessThan(GRACE_MS);
    expect(server.output()).toMatch(/"msg":"stopped"/);
  });
});
