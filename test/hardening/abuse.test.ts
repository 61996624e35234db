/**
 * Drill: abusive queries against a production-mode server. A query 50 levels deep, 1,000
 * aliases, a 1 MB query, a flood of tokens, introspection: each is refused with a clear error
 * in under 50 ms (median of five), and a normal query still answers at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { identityProviderForSuite } from "../support/identity-provider-suite.js";
import { productionAccess } from "../support/sign-in.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

const suite = identityProviderForSuite();
let db: TestDatabase;
let server: TestServer;
let headers: Record<string, string>;

beforeAll(async () => {
  db = await createTestDatabase("sqlite");
  const access = await productionAccess(suite.idp);
  headers = access.headers;
  server = await startTestServer(db.url, access.env, { headers });
});
afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

async function post(body: string): Promise<{ status: number; text: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}

/** Five tries (after one to warm up): the median time, and the last answer. */
async function refused(query: string): Promise<{ status: number; text: string; medianMs: number }> {
  const body = JSON.stringify({ query });
  await post(body);
  const tries = [];
  for (let i = 0; i < 5; i += 1) tries.push(await post(body));
  const times = tries.map((attempt) => attempt.ms).sort((a, b) => a - b);
  return { status: tries[4]!.status, text: tries[4]!.text, medianMs: times[2]! };
}

const NORMAL = "{ orders(page: { first: 5 }) { totalCount edges { node { id } } } }";
const figures: string[] = [];

describe("abusive queries", () => {
  it.each<[string, () => string, RegExp]>([
    ["a query 50 levels deep", () => `{ orders { ${"pageInfo { ".repeat(48)}hasNextPage${" }".repeat(48)} } }`, /50 levels deep; at most 8/],
    // Six thousand tokens: the parser stops at the token limit before the alias rule would count them.
    ["1,000 aliases", () => `{ ${Array.from({ length: 1_000 }, (_, i) => `a${i}: orders { totalCount }`).join(" ")} }`, /contains more tha[nt] 2000 tokens/],
    ["100 aliases (under the token limit)", () => `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: order(id: "x") { id }`).join(" ")} }`, /100 aliases; at most 15/],
    ["a flood of tokens", () => `{ orders { ${"__typename ".repeat(5_000)} } }`, /contains more tha[nt] 2000 tokens/],
    ["introspection in production", () => "{ __schema { types { name } } }", /introspection is not allowed/],
  ])("refuses %s, clearly and quickly", async (name, query, message) => {
    const result = await refused(query());
    expect(result.status).toBe(400);
    expect(result.text).toMatch(message);
    expect(result.text).not.toMatch(/Did you mean/);
    figures.push(`${name}: HTTP ${result.status} in ${result.medianMs.toFixed(1)} ms`);
    expect(result.medianMs).toBeLessThan(50);
  });

  it("refuses a 1 MB query before reading it all", async () => {
    const body = JSON.stringify({ query: `{ orders { totalCount } } # ${"x".repeat(1_000_000)}` });
    await post(body);
    const tries = [await post(body), await post(body), await post(body), await post(body), await post(body)];
    const median = tries.map((attempt) => attempt.ms).sort((a, b) => a - b)[2]!;
    expect(tries[0]!.status).toBe(413);
    expect(tries[0]!.text).toMatch(/Request body is too large/);
    figures.push(`a 1 MB query: HTTP 413 in ${median.toFixed(1)} ms`);
    expect(median).toBeLessThan(50);
  });

  it("still answers a normal query at once", async () => {
    const result = await post(JSON.stringify({ query: NORMAL }));
    expect(result.status).toBe(200);
    expect(JSON.parse(result.text)).toEqual({ data: { orders: { totalCount: 0, edges: [] } } });
    figures.push(`then a normal query: HTTP 200 in ${result.ms.toFixed(1)} ms`);
    expect(result.ms).toBeLessThan(250);
    console.log(`abuse drill:\n  ${figures.join("\n  ")}`);
  });
});
