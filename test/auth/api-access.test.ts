/**
 * The API with sign-in on, against a real OpenID provider (oidc-provider over HTTPS): staff
 * sessions from the browser flow, tools' bearer tokens, roles, who added an order, and every
 * kind of token that must be refused (each one: 401, and nothing written).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLE_READ, ROLE_WRITE } from "../idp/identity-provider.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { ADD_ORDER, validOrder } from "../support/orders.js";
import { identityProviderForSuite } from "../support/identity-provider-suite.js";
import { freePort, signInEnv, signInWithFetch } from "../support/sign-in.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { recordSecret, recordTranscript } from "../support/transcripts.js";

const suite = identityProviderForSuite();
let db: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  db = await createTestDatabase("sqlite");
  const port = await freePort();
  server = await startTestServer(db.url, signInEnv(suite.idp, port));
});
afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

async function graphql(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  recordTranscript("response", text);
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as Answer["body"] };
}

const LIST = "{ orders(page: { first: 5 }) { totalCount edges { node { id addedBy addedAt } } } }";
const rows = async (): Promise<number> => Number((await db.query<{ n: number }>("SELECT COUNT(*) AS n FROM orders"))[0]!.n);

describe("without a caller", () => {
  it("answers 401 UNAUTHENTICATED, and the probes stay open", async () => {
    const answer = await graphql(LIST);
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });

  it("sends a page load through sign-in, to come back to the same address", async () => {
    const response = await fetch(`${server.url}/?page=2&sort=ORDER_DATE_ASC`, { redirect: "manual", headers: { accept: "text/html" } });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/auth/login?returnTo=${encodeURIComponent("/?page=2&sort=ORDER_DATE_ASC")}`);
  });
});

describe("staff in the browser", () => {
  it("a writer signs in, adds an order, and it says who added it; the page comes back where it began", async () => {
    const { cookie, landedOn } = await signInWithFetch(server.url, "writer", "/?page=3");
    expect(landedOn).toBe("/?page=3");
    expect(cookie).toMatch(/__Host-orders-session=/);
    const added = await graphql(ADD_ORDER.replace("id ", "id addedBy addedAt "), { input: validOrder({ userId: "signed-in-writer" }) }, { cookie });
    expect(added.body.errors).toBeUndefined();
    const me = await (await fetch(`${server.url}/auth/me`, { headers: { cookie } })).json();
    expect(me).toMatchObject({ name: "Walter Writer", roles: [ROLE_WRITE], canRead: true, canWrite: true, signIn: "oidc" });
    const list = await graphql("{ orders(filter: { userId: \"signed-in-writer\" }) { edges { node { addedBy addedAt } } } }", {}, { cookie });
    const node = (list.body.data!.orders as { edges: Array<{ node: { addedBy: string; addedAt: string } }> }).edges[0]!.node;
    expect(node.addedBy).toBe("Walter Writer");
    expect(Date.now() - Date.parse(node.addedAt)).toBeLessThan(60_000);
  });

  it("a reader lists orders but a crafted addOrder is FORBIDDEN (403), and nothing is written", async () => {
    const { cookie } = await signInWithFetch(server.url, "reader");
    expect((await graphql(LIST, {}, { cookie })).status).toBe(200);
    const before = await rows();
    const refused = await graphql(ADD_ORDER, { input: validOrder({ userId: "reader-tries" }) }, { cookie });
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await rows()).toBe(before);
  });

  it("signing out ends the session: the old cookie no longer works", async () => {
    const { cookie } = await signInWithFetch(server.url, "reader");
    expect((await graphql(LIST, {}, { cookie })).status).toBe(200);
    const out = await fetch(`${server.url}/auth/logout`, { method: "POST", redirect: "manual", headers: { cookie, origin: server.url } });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toContain(suite.idp.issuer);
    expect((await graphql(LIST, {}, { cookie })).status).toBe(401);
  });

  it("refuses a cross-site POST that carries the session cookie", async () => {
    const { cookie } = await signInWithFetch(server.url, "writer");
    const before = await rows();
    for (const headers of [{ origin: "https://evil.example" }, { "sec-fetch-site": "cross-site" }] as Array<Record<string, string>>) {
      const answer = await graphql(ADD_ORDER, { input: validOrder({ userId: "cross-site" }) }, { cookie, ...headers });
      expect(answer.status).toBe(403);
    }
    const form = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { cookie, "content-type": "text/plain", origin: "https://evil.example" },
      body: JSON.stringify({ query: ADD_ORDER, variables: { input: validOrder({ userId: "cross-site-form" }) } }),
    });
    expect(form.status).toBeGreaterThanOrEqual(400);
    expect(await rows()).toBe(before);
  });

  it("refuses a foreign Host header", async () => {
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/graphql`, { method: "POST", headers: { host: "evil.example", "content-type": "application/json" } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end(JSON.stringify({ query: LIST }));
    });
    expect(status).toBe(421);
  });
});

describe("tools with bearer tokens", () => {
  it("a token with Orders.Read lists; with Orders.Write adds, recorded as the tool", async () => {
    const reader = await suite.idp.toolToken([ROLE_READ]);
    const writer = await suite.idp.toolToken([ROLE_WRITE]);
    recordSecret(reader);
    recordSecret(writer);
    expect((await graphql(LIST, {}, { authorization: `Bearer ${reader}` })).status).toBe(200);
    const refused = await graphql(ADD_ORDER, { input: validOrder({ userId: "tool-reader" }) }, { authorization: `Bearer ${reader}` });
    expect(refused.status).toBe(403);
    const added = await graphql(ADD_ORDER, { input: validOrder({ userId: "tool-writer" }) }, { authorization: `Bearer ${writer}` });
    expect(added.status).toBe(200);
    expect(added.body.errors).toBeUndefined();
  });

  it("refuses, with 401 and nothing written, every token it must not trust", async () => {
    const { idp } = suite;
    const now = Math.floor(Date.now() / 1000);
    const good = { iss: idp.issuer, aud: idp.audience, sub: "tool", roles: [ROLE_WRITE], iat: now, exp: now + 600 };
    const valid = await idp.craftToken(good);
    const [header, payload, signature] = valid.split(".");
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...good, sub: "someone-else" })).toString("base64url")}.${signature}`;
    const tokens: Record<string, string> = {
      expired: await idp.craftToken({ ...good, iat: now - 7200, exp: now - 3600 }),
      "not yet valid": await idp.craftToken({ ...good, nbf: now + 3600 }),
      "wrong audience": await idp.craftToken({ ...good, aud: "api://another-app" }),
      "wrong issuer": await idp.craftToken({ ...good, iss: "https://login.example/other" }),
      "another key": await idp.craftToken(good, { key: "other" }),
      "alg none": await idp.craftToken(good, { alg: "none" }),
      "HS256 with the public key's id": await idp.craftToken(good, { alg: "HS256" }).catch(() => `${header}.${payload}.x`),
      tampered,
      "not a JWT": "not-a-jwt-at-all-1234567890",
    };
    expect((await graphql(LIST, {}, { authorization: `Bearer ${valid}` })).status).toBe(200);
    const before = await rows();
    for (const [name, token] of Object.entries(tokens)) {
      recordSecret(token);
      const answer = await graphql(ADD_ORDER, { input: validOrder({ userId: `bad-token-${name.replaceAll(" ", "-")}` }) }, { authorization: `Bearer ${token}` });
      expect(answer.status, name).toBe(401);
      expect(answer.body.errors?.[0]?.extensions?.code, name).toBe("UNAUTHENTICATED");
    }
    expect(await rows()).toBe(before);
  });
});

describe("the CSV export", () => {
  it("needs the same read permission as the list", async () => {
    const url = `${server.url}/export/orders.csv`;
    expect((await fetch(url)).status).toBe(401);
    const reader = await suite.idp.toolToken([ROLE_READ]);
    recordSecret(reader);
    const allowed = await fetch(url, { headers: { authorization: `Bearer ${reader}` } });
    expect(allowed.status).toBe(200);
    await allowed.text();
    const { cookie } = await signInWithFetch(server.url, "nobody");
    expect((await fetch(url, { headers: { cookie } })).status).toBe(403);
  });
});

describe("several replicas and rate limits", () => {
  it("a session made on one replica opens the others, and signing out on one ends it everywhere", async () => {
    const second = await startTestServer(db.url, signInEnv(suite.idp, await freePort()));
    try {
      const { cookie } = await signInWithFetch(server.url, "reader");
      const list = (url: string) => fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify({ query: LIST }) });
      expect((await list(second.url)).status).toBe(200);
      await fetch(`${second.url}/auth/logout`, { method: "POST", redirect: "manual", headers: { cookie, origin: second.url } });
      expect((await list(server.url)).status).toBe(401);
    } finally {
      await second.stop();
    }
  });

  it("counts requests per signed-in caller, not per address", async () => {
    const limited = await startTestServer(db.url, { ...signInEnv(suite.idp, await freePort()), RATE_LIMIT_PER_MINUTE: "3" });
    try {
      const [first, other] = await Promise.all([suite.idp.toolToken([ROLE_READ]), suite.idp.toolToken([ROLE_READ])]);
      recordSecret(first);
      recordSecret(other);
      const ask = async (token: string) =>
        (await fetch(`${limited.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query: LIST }) })).status;
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push(await ask(first));
      expect(statuses).toEqual([200, 200, 200, 429]);
      // The same address, another caller: a count of its own.
      expect(await ask(other)).toBe(200);
    } finally {
      await limited.stop();
    }
  });
});

describe("the log", () => {
  it("names the caller who added an order by subject id, and holds no token, cookie or secret", () => {
    const added = server.logs.filter((line) => line.includes('"order added"'));
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((line) => /"addedBy":"[^"]+"/.test(line))).toBe(true);
    expect(server.logs.join("\n")).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
  });
});
