/**
 * The built server as a process: a bad configuration stops it with one message and exit code 1;
 * a new SQLite file gets demo orders; SIGTERM lets a request in flight finish, then exits 0; its
 * compiled code is kept in Node's compile cache for the next start.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_ORDER_COUNT } from "../../server/server.js";
import { TEST_SECRETS } from "../support/secrets.js";
import { ROOT, runNode, startServerProcess } from "../support/server-process.js";

const dir = mkdtempSync(join(tmpdir(), "orders-process-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function totalCount(url: string): Promise<number> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ orders { totalCount } }" }),
  });
  return ((await response.json()) as { data: { orders: { totalCount: number } } }).data.orders.totalCount;
}

describe("the server process", () => {
  it("refuses a bad configuration with one message naming every problem, and exit code 1", async () => {
    const run = runNode("dist/server/main.js", [], { PORT: "http", LOG_LEVEL: "chatty", DATABASE_URL: "mongodb://x/y", DB_PASSWORD: TEST_SECRETS.dbPassword });
    expect(await run.exited).toBe(1);
    const output = run.output();
    const fatal = JSON.parse(output.split("\n").find((line) => line.startsWith("{"))!) as { level: string; msg: string };
    expect(fatal.level).toBe("fatal");
    expect(fatal.msg).toMatch(/3 problems/);
    expect(fatal.msg).toMatch(/PORT must be a whole number/);
    expect(fatal.msg).toMatch(/LOG_LEVEL must be one of/);
    expect(fatal.msg).toMatch(/DATABASE_URL must start with/);
    expect(output).not.toContain(TEST_SECRETS.dbPassword);
  });

  it("will not run production with sign-in off: exit code 1 and how to configure sign-in", async () => {
    const run = runNode("dist/server/main.js", [], { NODE_ENV: "production", AUTH_MODE: "off", DATABASE_URL: `sqlite:${join(dir, "open.sqlite")}` });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/AUTH_MODE=off is for development only.*set AUTH_MODE=oidc with OIDC_ISSUER .*OIDC_CLIENT_ID, PUBLIC_URL and SESSION_SECRET/);
    expect(run.output()).not.toMatch(/orders service listening/);
  });

  it("warns, in the log, that sign-in is off in development", async () => {
    const open = await startServerProcess({ DATABASE_URL: `sqlite:${join(dir, "dev.sqlite")}`, SEED_DEMO: "false" });
    open.child.kill("SIGTERM");
    await open.exited;
    const warning = open.output().split("\n").find((line) => line.includes("sign-in is off"));
    expect(JSON.parse(warning!)).toMatchObject({ level: "warn", allowedHosts: ["localhost", "127.0.0.1", "::1"] });
  });

  it("fills a new SQLite database with demo orders, unless SEED_DEMO=false", async () => {
    const demo = await startServerProcess({ DATABASE_URL: `sqlite:${join(dir, "demo.sqlite")}` });
    try {
      expect(await totalCount(demo.url)).toBe(DEMO_ORDER_COUNT);
    } finally {
      demo.child.kill("SIGTERM");
      await demo.exited;
    }
    const empty = await startServerProcess({ DATABASE_URL: `sqlite:${join(dir, "empty.sqlite")}`, SEED_DEMO: "false" });
    try {
      expect(await totalCount(empty.url)).toBe(0);
    } finally {
      empty.child.kill("SIGTERM");
      await empty.exited;
    }
  });

  it("on SIGTERM, finishes the request in flight, then exits 0", async () => {
    const server = await startServerProcess({ DATABASE_URL: `sqlite:${join(dir, "drain.sqlite")}`, SHUTDOWN_TIMEOUT_MS: "10000" });
    const { port } = new URL(server.url);
    const body = JSON.stringify({ query: "{ orders(page: { first: 3 }) { edges { node { id } } } }" });
    // A request whose body is still arriving when the signal comes: in flight by any definition.
    // "Expect: 100-continue" makes the server say when it has taken the request in (routed it).
    const socket = connect(Number(port), "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    let response = "";
    const accepted = new Promise<void>((resolve) =>
      socket.on("data", (chunk) => {
        response += chunk.toString();
        if (response.startsWith("HTTP/1.1 100")) resolve();
      }),
    );
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    await accepted;
    socket.write(body.slice(0, 10));
    server.child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.end(body.slice(10));
    await closed;
    expect(response).toMatch(/^HTTP\/1.1 100 Continue\r\n\r\nHTTP\/1.1 200/);
    expect(response).toContain('"edges"');
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/"stopping: draining requests in flight"/);
    expect(server.output()).toMatch(/"msg":"stopped"/);
    // Once stopping, it takes no new connections.
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  // Node 22.1 and later have a compile cache; Node 20 starts without one (main.ts).
  it.runIf(Number(process.versions.node.split(".")[0]) >= 22)("keeps its compiled code in a compile cache once listening, and the next start reads it", async () => {
    // Not NODE_COMPILE_CACHE (with it, Node would turn the cache on by itself): the default place, under the temporary directory.
    const temporary = mkdtempSync(join(dir, "tmp-"));
    const cache = join(temporary, "node-compile-cache");
    const env = { DATABASE_URL: `sqlite:${join(dir, "cache.sqlite")}`, SEED_DEMO: "false", TMPDIR: temporary };
    /** Each cache entry and when it was last written. */
    const entries = () =>
      new Map(
        readdirSync(cache, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => [join(entry.parentPath, entry.name), statSync(join(entry.parentPath, entry.name)).mtimeMs]),
      );
    const first = await startServerProcess(env);
    // Written once listening, not at exit: a pod that is killed has still filled it.
    first.child.kill("SIGKILL");
    await first.exited;
    const written = entries();
    const serverModules = readdirSync(join(ROOT, "dist", "server"), { recursive: true }).filter((file) => String(file).endsWith(".js")).length;
    expect(written.size).toBeGreaterThan(serverModules);
    const second = await startServerProcess(env);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    // Node rewrites an entry it could not use (stale, from another Node): every one the first start wrote was read as it was.
    const after = entries();
    expect([...written].filter(([path, writtenAt]) => after.get(path) !== writtenAt)).toEqual([]);
  });
});
