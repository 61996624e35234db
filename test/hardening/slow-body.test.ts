/**
 * Drill: slow bodies. A client that sends a request a byte every half second holds a connection
 * (and its buffers) for as long as it likes when nothing times the request out; a few hundred
 * such clients take every connection a server has. With REQUEST_TIMEOUT_MS a request not fully
 * received in time gets 408 and its connection is closed, and other callers are served
 * meanwhile. Three slow bodies and one slow set of headers, against a 1.5 s limit.
 */
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

const LIMIT_MS = 1_500;
let db: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  db = await createTestDatabase("sqlite");
  server = await startTestServer(db.url, { REQUEST_TIMEOUT_MS: String(LIMIT_MS) });
});
afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

interface SlowClient {
  /** What the server sent, and after how long the connection was closed (undefined: still open at the end). */
  result: Promise<{ received: string; closedAfterMs: number | undefined }>;
  stop(): void;
}

/** Sends `head` at once, then `trickle` one byte every 500 ms; gives up after `giveUpMs`. */
function slowClient(url: string, head: string, trickle: string, giveUpMs: number): SlowClient {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect(Number(port), hostname);
  const started = performance.now();
  let received = "";
  let sent = 0;
  const drip = setInterval(() => {
    if (sent < trickle.length && !socket.destroyed) socket.write(trickle[sent++]!);
  }, 500);
  socket.on("connect", () => socket.write(head));
  socket.on("data", (chunk) => (received += chunk.toString()));
  socket.on("error", () => undefined);
  let stop = () => undefined as void;
  const result = new Promise<{ received: string; closedAfterMs: number | undefined }>((resolve) => {
    const giveUp = setTimeout(() => stop(), giveUpMs);
    socket.on("close", () => {
      clearInterval(drip);
      clearTimeout(giveUp);
      resolve({ received, closedAfterMs: performance.now() - started });
    });
    stop = () => {
      clearInterval(drip);
      resolve({ received, closedAfterMs: undefined });
      socket.destroy();
    };
  });
  return { result, stop: () => stop() };
}

describe("requests that arrive too slowly", () => {
  it(`get 408 and a closed connection after REQUEST_TIMEOUT_MS (${LIMIT_MS} ms), while others are served`, async () => {
    const body = JSON.stringify({ query: "{ orders(page: { first: 1 }) { totalCount } }" });
    const host = new URL(server.url).host;
    const bodyHead = `POST /graphql HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const clients = [
      ...Array.from({ length: 3 }, () => slowClient(server.url, bodyHead, body, 8_000)),
      // Headers that never end (slowloris): the same limit.
      slowClient(server.url, `GET /healthz HTTP/1.1\r\nHost: ${host}\r\n`, "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 8_000),
    ];
    // Served meanwhile.
    const during = await server.graphql("{ orders(page: { first: 1 }) { totalCount } }");
    expect(during.errors).toBeUndefined();

    const results = await Promise.all(clients.map((client) => client.result));
    const closedAfter = results.map((result) => result.closedAfterMs);
    console.log(`slow-body drill: 4 slow connections closed after ${closedAfter.map((ms) => (ms === undefined ? "never" : `${Math.round(ms)} ms`)).join(", ")} (limit ${LIMIT_MS} ms)`);
    for (const result of results) {
      expect(result.received).toMatch(/^HTTP\/1\.1 408 /);
      expect(result.closedAfterMs).toBeGreaterThanOrEqual(LIMIT_MS - 50);
      // The limit, plus the server's check interval (a quarter of the limit here), plus slack for a busy machine.
      expect(result.closedAfterMs).toBeLessThan(LIMIT_MS + 2_000);
    }
  });

  it("a request sent at a normal pace is not cut short", async () => {
    const result = await server.graphql("{ orders(page: { first: 1 }) { totalCount } }");
    expect(result.status).toBe(200);
  });
});
