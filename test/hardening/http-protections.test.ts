/**
 * The protections around the API: security headers and a Content-Security-Policy on the page,
 * CORS closed unless an allow-list is configured, rate limiting per client address, batching
 * off, a cost limit that counts page sizes sent as variables, field suggestions hidden in
 * production, and unexpected errors masked (the detail only in the log).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { identityProviderForSuite } from "../support/identity-provider-suite.js";
import { productionAccess } from "../support/sign-in.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

const suite = identityProviderForSuite();

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function server(env: Record<string, string> = {}, options: { clientDir?: string } = {}): Promise<TestServer> {
  const db: TestDatabase = await createTestDatabase("sqlite");
  const started = await startTestServer(db.url, env, options);
  cleanups.push(async () => {
    await started.stop();
    await db.drop();
  });
  return started;
}

const gql = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

describe("HTTP protections", () => {
  it("sends security headers, and a Content-Security-Policy with the page", async () => {
    const clientDir = mkdtempSync(join(tmpdir(), "orders-client-"));
    writeFileSync(join(clientDir, "index.html"), "<!doctype html><title>Orders</title>");
    cleanups.push(async () => rmSync(clientDir, { recursive: true, force: true }));
    const running = await server({}, { clientDir });
    const page = await fetch(`${running.url}/`);
    expect(page.headers.get("content-security-policy")).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
    for (const response of [page, await fetch(`${running.url}/healthz`)]) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
      expect(response.headers.get("strict-transport-security")).toMatch(/max-age=/);
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("x-powered-by")).toBeNull();
    }
  });

  it("keeps CORS closed by default, and opens it to the configured origins only", async () => {
    const closed = await server();
    const preflight = (url: string, origin: string) =>
      fetch(`${url}/graphql`, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" } });
    expect((await preflight(closed.url, "https://staff.example.com")).headers.get("access-control-allow-origin")).toBeNull();
    const open = await server({ CORS_ORIGINS: "https://staff.example.com" });
    expect((await preflight(open.url, "https://staff.example.com")).headers.get("access-control-allow-origin")).toBe("https://staff.example.com");
    expect((await preflight(open.url, "https://evil.example.net")).headers.get("access-control-allow-origin")).toBeNull();
  });

  it("limits requests per client address, with a clear 429, and spares the health probes", async () => {
    const limited = await server({ RATE_LIMIT_PER_MINUTE: "5" });
    const statuses = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await gql(limited.url, { query: "{ orders { totalCount } }" })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const refused = await gql(limited.url, { query: "{ orders { totalCount } }" });
    expect(await refused.json()).toMatchObject({
      statusCode: 429,
      error: "Too Many Requests",
      message: expect.stringMatching(/More than 5 requests a minute from this address/),
    });
    for (let i = 0; i < 10; i += 1) expect((await fetch(`${limited.url}/readyz`)).status).toBe(200);
  });

  it("refuses batched requests", async () => {
    const plain = await server();
    const response = await gql(plain.url, [{ query: "{ orders { totalCount } }" }, { query: "{ orders { totalCount } }" }]);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/batching/i);
  });

  it("counts a page size sent as a variable against the cost limit", async () => {
    const plain = await server();
    const query = `query($page: PageInput) { ${Array.from({ length: 10 }, (_, i) => `a${i}: orders(page: $page) { edges { node { id dateUuid userId storeCode } } }`).join(" ")} }`;
    const small = await (await gql(plain.url, { query, variables: { page: { first: 5 } } })).json();
    expect(small.errors).toBeUndefined();
    const large = await gql(plain.url, { query, variables: { page: { first: 100 } } });
    const body = (await large.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(large.status).toBe(400);
    expect(body.errors[0]!.extensions.code).toBe("QUERY_TOO_COSTLY");
    expect(body.errors[0]!.message).toMatch(/would cost 5020; at most 5000/);
  });

  it("hides field suggestions in production, shows them in development", async () => {
    const query = { query: "{ orders { totalCont } }" };
    const message = async (url: string) => ((await (await gql(url, query)).json()) as { errors: Array<{ message: string }> }).errors[0]!.message;
    expect(await message((await server()).url)).toBe('Cannot query field "totalCont" on type "OrderConnection". Did you mean "totalCount"?');
    const production = await productionAccess(suite.idp);
    const answer = await gql((await server(production.env)).url, query, production.headers);
    expect(((await answer.json()) as { errors: Array<{ message: string }> }).errors[0]!.message).toBe('Cannot query field "totalCont" on type "OrderConnection".');
  });

  it("masks an unexpected error: a generic message and the request id; the detail goes to the log", async () => {
    const broken = await server();
    // Pull the database out from under the running server: the next query fails in a way no caller caused.
    await broken.running.database.dataSource.destroy();
    const response = await gql(broken.url, { query: "{ orders { totalCount } }" }, { "x-request-id": "mask-test-1" });
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.errors[0]!.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId: "mask-test-1" });
    expect(body.errors[0]!.message).toMatch(/Something went wrong on our side/);
    expect(JSON.stringify(body)).not.toMatch(/DataSource|TypeORM|sqlite|SELECT|stack/i);
    const logged = broken.logs.find((line) => line.includes('"unexpected error in a GraphQL request"'));
    expect(logged).toContain('"reqId":"mask-test-1"');
    expect(logged).toMatch(/stack/);
  });
});
