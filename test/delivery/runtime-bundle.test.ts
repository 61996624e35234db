/**
 * The runtime bundle: what the image's /app would hold, assembled by replaying the Dockerfile's
 * own COPY instructions (image-replay.ts), then run the way the container runs it: the CMD, the
 * image's ENV and no other settings, the image's user (when this runs as root), so the database
 * is a new SQLite file at the default location (data/ → /tmp) and nothing else is writable.
 * No Docker engine is needed.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, lstatSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ORDER_COUNT } from "../../server/server.js";
import { GRAPHQL_PATH, HEALTH_PATH, READY_PATH } from "../../server/core/contracts.js";
import { identityProviderForSuite } from "../support/identity-provider-suite.js";
import { productionAccess } from "../support/sign-in.js";
import { DOCKERIGNORE, REPO_ROOT, instructionsOf, readDockerfile } from "./dockerfile.js";
import { readDockerIgnore } from "./dockerignore.js";
import { ImageReplay, type ReplayResult } from "./image-replay.js";

/** Packages the server must never need at run time: if one is in the bundle, `--omit=dev` was lost. */
const suite = identityProviderForSuite();
const DEV_TOOLS = ["vitest", "vite", "typescript", "tsx", "playwright-core", "@vitest/coverage-v8", "cdk8s", "happy-dom"];

let work: string;
let bundle: ReplayResult;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "orders-bundle-"));
  chmodSync(work, 0o755);
  bundle = await new ImageReplay(readDockerfile(), readDockerIgnore(DOCKERIGNORE), join(work, "stages")).run();
  console.log(`runtime bundle assembled in ${bundle.appDir}; where it differs from docker build:\n  ${bundle.substitutions.join("\n  ")}`);
  for (const failure of bundle.failures) console.warn(`runtime bundle: ${failure.step} FAILED; the server checks run without it:\n${failure.output}`);
}, 10 * 60_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Every file below `dir`, relative, not descending into node_modules. */
function filesBelow(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.name === "node_modules") return [relative(base, path) + "/"];
    return entry.isDirectory() ? [relative(base, path) + "/", ...filesBelow(path, base)] : [relative(base, path)];
  });
}

/** Path → size and mtime of every file in the image's root, node_modules included; /tmp left out. */
function snapshot(dir: string): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (path === join(dir, "tmp")) continue;
      if (entry.isDirectory()) walk(path);
      else {
        const stat = lstatSync(path);
        entries.set(relative(dir, path), `${stat.size}:${stat.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return entries;
}

describe("the runtime bundle (the image's /app, from the Dockerfile's COPY instructions)", () => {
  it("holds the compiled server, package.json and node_modules, and nothing else", () => {
    expect(readdirSync(bundle.appDir).sort()).toEqual(["data", "dist", "node_modules", "package.json"]);
    // data/ is where the default DATABASE_URL (sqlite:data/orders.sqlite) points: /tmp, the writable emptyDir.
    expect(lstatSync(join(bundle.appDir, "data")).isSymbolicLink()).toBe(true);
    expect(realpathSync(join(bundle.appDir, "data"))).toBe(realpathSync(join(bundle.rootDir, "tmp")));
    expect(existsSync(join(bundle.appDir, "dist/server/main.js"))).toBe(true);
    expect(existsSync(join(bundle.appDir, "dist/server/database/migrations"))).toBe(true);
    const packageJson = JSON.parse(readFileSync(join(bundle.appDir, "package.json"), "utf8")) as { type?: string };
    expect(packageJson.type, "dist/ is ESM: package.json must say so").toBe("module");
  });

  it("has the production dependencies and none of the development ones", () => {
    const lock = JSON.parse(readFileSync(join(REPO_ROOT, "package-lock.json"), "utf8")) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const devOnly = Object.entries(lock.packages)
      .filter(([path, entry]) => path.startsWith("node_modules/") && entry.dev)
      .map(([path]) => path);
    expect(devOnly.length).toBeGreaterThan(0);
    expect(devOnly.filter((path) => existsSync(join(bundle.appDir, path)))).toEqual([]);
    for (const tool of DEV_TOOLS) expect(existsSync(join(bundle.appDir, "node_modules", tool)), tool).toBe(false);

    const { dependencies } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    for (const name of Object.keys(dependencies)) expect(existsSync(join(bundle.appDir, "node_modules", name)), name).toBe(true);
  });

  it("has no tests, sources, local data, .env files, databases or Terraform state", () => {
    const forbidden = /(^|\/)(test|tests|__snapshots__|data|terraform|coverage)\/|\.test\.|\.spec\.|(^|\/)\.env|\.tfstate|\.tfvars|\.sqlite|(?<!\.d)\.tsx?$/;
    expect(filesBelow(bundle.appDir).filter((path) => forbidden.test(path))).toEqual([]);
  });

  it("carries the web client built in the build stage", () => {
    expect(bundle.failures.map((failure) => `${failure.step}:\n${failure.output}`).join("\n")).toBe("");
    expect(existsSync(join(bundle.appDir, "dist/client/index.html"))).toBe(true);
  });

  it("runs as the image runs it: read-only /app, a new SQLite file in /tmp, /readyz, GraphQL, SIGTERM drains and exits 0", async () => {
    const tmp = join(bundle.rootDir, "tmp");

    const [command, ...args] = bundle.cmd;
    expect(command, "CMD starts node directly").toBe("node");
    const [uid, gid] = (bundle.user ?? "").split(":").map(Number);
    // As root, run as the image's user, to whom /app is read-only as under readOnlyRootFilesystem.
    const asImageUser = process.getuid?.() === 0 && Number.isInteger(uid) && Number.isInteger(gid);
    if (!asImageUser) console.warn("runtime bundle: not root, so the server runs as the current user (the image runs it as USER)");
    // The image has its own node in /usr/local/bin; this one may sit where that user cannot reach (under /root).
    const node = asImageUser ? join(bundle.rootDir, "usr/local/bin/node") : process.execPath;
    if (asImageUser) {
      mkdirSync(join(bundle.rootDir, "usr/local/bin"), { recursive: true, mode: 0o755 });
      copyFileSync(process.execPath, node);
      chmodSync(node, 0o755);
    }
    const before = snapshot(bundle.rootDir);

    const access = await productionAccess(suite.idp);
    const server = spawn(node, args, {
      cwd: bundle.appDir,
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        ...bundle.env,
        // Loopback and any free port, so that parallel test runs do not collide; the rest is the image's.
        HOST: "127.0.0.1",
        PORT: "0",
        // Production signs staff in: the test provider's settings, and trust in its certificate.
        ...access.env,
        NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? "",
      },
      stdio: ["ignore", "pipe", "pipe"],
      ...(asImageUser ? { uid, gid } : {}),
    });
    const output = capture(server);
    try {
      const url = await listeningUrl(server, output);

      expect((await fetch(`${url}${HEALTH_PATH}`)).status).toBe(200);
      expect((await fetch(`${url}${READY_PATH}`)).status).toBe(200);

      const response = await fetch(`${url}${GRAPHQL_PATH}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...access.headers },
        body: JSON.stringify({ query: "{ orders(page: { first: 1 }) { totalCount edges { node { id } } } }" }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data?: { orders: { totalCount: number; edges: unknown[] } }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data?.orders.edges).toHaveLength(1);
      expect(body.data?.orders.totalCount).toBe(DEMO_ORDER_COUNT);

      // The image's HEALTHCHECK command, run against this server.
      const healthcheck = /CMD (\[.*\])\s*$/s.exec(instructionsOf(readDockerfile().runtime, "HEALTHCHECK")[0]?.content ?? "")?.[1];
      const [healthCommand, ...healthArgs] = JSON.parse(healthcheck ?? "[]") as string[];
      expect(healthCommand).toBe("node");
      const health = spawnSync(process.execPath, healthArgs, { env: { ...bundle.env, PORT: new URL(url).port }, timeout: 10_000 });
      expect(health.status, "HEALTHCHECK exit code").toBe(0);

      if (existsSync(join(bundle.appDir, "dist/client/index.html"))) {
        const page = await fetch(`${url}/`);
        expect(page.status).toBe(200);
        expect(page.headers.get("content-type")).toMatch(/^text\/html/);
      }
    } finally {
      server.kill("SIGTERM");
    }
    const code = await exited(server);
    expect(code, output.all()).toBe(0);

    const logLines = output.stdout().split("\n").filter((line) => line.trim() !== "");
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(() => JSON.parse(line), `not a JSON log line: ${line}`).not.toThrow();
    expect(output.stdout()).toMatch(/"msg":"stopped"/);

    expect(existsSync(join(tmp, "orders.sqlite"))).toBe(true);
    if (asImageUser) expect(lstatSync(join(tmp, "orders.sqlite")).uid, "the database file's owner: the server's user").toBe(uid);
    const after = snapshot(bundle.rootDir);
    expect([...after].filter(([path, state]) => before.get(path) !== state).map(([path]) => path), "files written in the bundle").toEqual([]);
  });
});

function capture(child: ChildProcess): { stdout: () => string; all: () => string } {
  let stdout = "";
  let all = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    all += chunk.toString();
  });
  child.stderr!.on("data", (chunk: Buffer) => (all += chunk.toString()));
  return { stdout: () => stdout, all: () => all };
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/** Waits for the server's "listening" log line and returns its URL. */
async function listeningUrl(child: ChildProcess, output: { stdout: () => string; all: () => string }, timeoutMs = 60_000): Promise<string> {
  const started = Date.now();
  for (;;) {
    const line = output.stdout().split("\n").find((candidate) => candidate.includes('"orders service listening"'));
    if (line) return (JSON.parse(line) as { url: string }).url;
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before listening:\n${output.all()}`);
    if (Date.now() - started > timeoutMs) throw new Error(`the server did not listen within ${timeoutMs} ms:\n${output.all()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
