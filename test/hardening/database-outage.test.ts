/**
 * A PostgreSQL outage, made by cutting a TCP proxy between the service and the database:
 * /readyz says so, requests fail fast with a clear error, the process stays up, and it all
 * works again soon after the database is back. OUTAGE_MS sets the outage (the drill's 10 s
 * with OUTAGE_MS=10000; shorter by default to keep the suite quick).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, postgresUnavailable, type TestDatabase } from "../support/databases.js";
import { LIST_ORDERS_WITH_COUNT, type OrdersData } from "../support/orders.js";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

const skip = (await postgresUnavailable()) !== undefined;
const OUTAGE_MS = Number(process.env.OUTAGE_MS ?? 2_000);

async function ready(url: string): Promise<number> {
  return (await fetch(`${url}/readyz`)).status;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(skip)("a database outage on postgres", () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let server: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    const target = new URL(db.url);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(db.url);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    server = await startTestServer(viaProxy.toString());
  });

  afterAll(async () => {
    await server?.stop();
    await proxy?.close();
    await db?.drop();
  });

  it("is reported by /readyz, fails requests fast and clearly, and heals by itself", async () => {
    expect(await ready(server.url)).toBe(200);
    expect((await server.graphql<OrdersData>(LIST_ORDERS_WITH_COUNT)).data!.orders.totalCount).toBe(0);

    proxy.cut();
    const outageStarted = Date.now();
    const noticed = await waitFor(async () => (await ready(server.url)) === 503, 5_000);
    expect(noticed).toBeLessThan(5_000);
    const started = Date.now();
    const failed = await server.graphql(LIST_ORDERS_WITH_COUNT, { filter: { userId: "someone" } });
    const failedInMs = Date.now() - started;
    expect(failedInMs).toBeLessThan(6_000);
    expect(failed.status).toBe(200);
    expect(failed.errors?.[0]?.extensions?.code).toBe("DATABASE_UNAVAILABLE");
    expect(failed.errors?.[0]?.message).toMatch(/not answering/);
    expect(JSON.stringify(failed)).not.toMatch(/ECONNREFUSED|terminated|127\.0\.0\.1/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - outageStarted))));
    proxy.restore();
    const healed = await waitFor(async () => (await ready(server.url)) === 200, 5_000);
    expect(healed).toBeLessThan(5_000);
    const after = await server.graphql<OrdersData>(LIST_ORDERS_WITH_COUNT);
    expect(after.errors).toBeUndefined();
    console.log(
      `outage drill: database cut for ${OUTAGE_MS} ms; /readyz said 503 after ${noticed} ms; a query failed with DATABASE_UNAVAILABLE in ` +
        `${failedInMs} ms; /healthz stayed 200; ready again ${healed} ms after the database came back`,
    );
    expect(server.logs.some((line) => line.includes('"not ready"'))).toBe(true);
  });
});
