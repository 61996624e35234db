/**
 * Drill: what a client may claim through proxy headers. Behind the gateway (TRUST_PROXY=1) the
 * client address is the one the gateway appended to X-Forwarded-For, whatever the client wrote
 * before it: forged entries do not give a client a fresh rate limit. The Host check reads the
 * Host header itself, so X-Forwarded-Host cannot make a misdirected request look allowed.
 * TRUST_PROXY=true (believe the first entry, which the client writes) is refused at start-up.
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config/config.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

const LIMIT = 5;
let db: TestDatabase;
let server: TestServer;
beforeAll(async () => {
  db = await createTestDatabase("sqlite");
  server = await startTestServer(db.url, { TRUST_PROXY: "1", RATE_LIMIT_PER_MINUTE: String(LIMIT), ALLOWED_HOSTS: "orders.example.test" });
});
afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

const QUERY = JSON.stringify({ query: "{ orders(page: { first: 1 }) { edges { node { id } } } }" });

/** A POST with exactly these headers (fetch will not send a Host of our choosing). */
function post(headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const sent = request({ hostname, port, path: "/graphql", method: "POST", headers: { "content-type": "application/json", ...headers } }, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode!, text }));
    });
    sent.on("error", reject);
    sent.end(QUERY);
  });
}

/** A request as the gateway passes it on: the client's own X-Forwarded-For, then the address the gateway saw. */
function throughGateway(clientWrote: string, gatewaySaw: string): Promise<{ status: number; text: string }> {
  return post({ host: "orders.example.test", "x-forwarded-for": `${clientWrote}, ${gatewaySaw}` });
}

describe("proxy headers", () => {
  it("forged X-Forwarded-For entries do not buy a client more requests", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 3; i += 1) {
      statuses.push((await throughGateway(`198.51.100.${i}`, "203.0.113.7")).status);
    }
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(200));
    expect(statuses.slice(LIMIT)).toEqual([429, 429, 429]);
    // Another client behind the same gateway has a limit of its own.
    expect((await throughGateway("198.51.100.1", "203.0.113.8")).status).toBe(200);
  });

  it("X-Forwarded-Host does not get a request for another host past the Host check", async () => {
    const response = await post({ host: "evil.example", "x-forwarded-host": "orders.example.test", "x-forwarded-for": "203.0.113.9" });
    expect(response.status).toBe(421);
    expect(response.text).toContain("MISDIRECTED_REQUEST");
  });

  it("TRUST_PROXY=true is refused, with what to give instead", () => {
    for (const env of [{}, { NODE_ENV: "production" }]) {
      let error: unknown;
      try {
        loadConfig({ ...env, TRUST_PROXY: "true" });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toMatch(/TRUST_PROXY=true would believe any client's X-Forwarded-For: give the number of proxies/);
    }
  });
});
