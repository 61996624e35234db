/** The processes under test: started on their own, timed to readiness, their peak memory read from the kernel. */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { runtimeEnvironment } from "../delivery/dockerfile.js";
import { ROOT } from "../support/server-process.js";

export { ROOT };

export interface Started {
  child: ChildProcess;
  url: string;
  /** From spawn until /readyz first answered 200 (PostGraphile: a query; the floor: until it listened). */
  startupMs: number;
  output(): string;
  stop(): Promise<number | null>;
}

async function waitForUrl(child: ChildProcess, output: () => string, marker: string, timeoutMs: number): Promise<string> {
  const started = Date.now();
  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));
  for (;;) {
    const line = output()
      .split("\n")
      .find((candidate) => candidate.includes(marker));
    if (line) return (JSON.parse(line) as { url: string }).url;
    if (exited !== undefined) throw new Error(`the process exited (${exited}) before it listened:\n${output()}`);
    if (Date.now() - started > timeoutMs) throw new Error(`the process did not listen within ${timeoutMs} ms:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function launch(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  // Keep the head (start-up lines) and the tail; the middle of a long run is of no use here.
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(0, 50_000) + output.slice(-50_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return { child, output: () => output };
}

function stopper(child: ChildProcess): () => Promise<number | null> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      child.once("exit", (code) => resolve(code));
      child.kill("SIGTERM");
    });
}

/** The built server in production mode, as the container runs it. */
export async function startOrdersServer(databaseUrl: string, env: Record<string, string> = {}, profileDir?: string): Promise<Started> {
  const began = performance.now();
  const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const { child, output } = launch([...profile, "dist/server/main.js"], {
    ...runtimeEnvironment(),
    ...env,
    HOST: "127.0.0.1",
    PORT: "0",
    DATABASE_URL: databaseUrl,
    SEED_DEMO: "false",
    LOG_LEVEL: "info",
    // The limiter stays in the request path (its cost is measured) but never refuses the load.
    RATE_LIMIT_PER_MINUTE: "10000000",
  });
  const url = await waitForUrl(child, output, '"orders service listening"', 60_000);
  for (;;) {
    const ready = await fetch(`${url}/readyz`).then((response) => response.status, () => 0);
    if (ready === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { child, url, startupMs: performance.now() - began, output, stop: stopper(child) };
}

export async function startRawFloor(sqliteFile: string): Promise<Started> {
  const began = performance.now();
  const { child, output } = launch(["--import", "tsx", "test/bench/raw-floor-server.ts", sqliteFile], {});
  const url = await waitForUrl(child, output, '"raw floor listening"', 30_000);
  return { child, url, startupMs: performance.now() - began, output, stop: stopper(child) };
}

/**
 * PostGraphile 5 (postgraphile-server.ts) on the same PostgreSQL database, in production mode:
 * ready once it listens (after building its schema) and answers a GraphQL query.
 */
export async function startPostGraphile(databaseUrl: string): Promise<Started> {
  const began = performance.now();
  const { child, output } = launch(["--import", "tsx", "test/bench/postgraphile-server.ts", databaseUrl], {
    NODE_ENV: "production",
    GRAPHILE_ENV: "production",
  });
  const url = await waitForUrl(child, output, '"postgraphile listening"', 60_000);
  const probe = { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }" }) };
  for (;;) {
    const ready = await fetch(`${url}/graphql`, probe).then((response) => response.status, () => 0);
    if (ready === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { child, url, startupMs: performance.now() - began, output, stop: stopper(child) };
}

/**
 * Peak resident memory of a process since the last reset, from the kernel (VmHWM). Writing 5
 * to clear_refs resets it, so each scenario gets its own peak.
 */
export function resetPeakRss(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
  } catch {
    // Not Linux, or not allowed: the peak then runs from the process's start (peakRssMb still reads it).
  }
}

export function peakRssMb(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Runs a command to completion, failing with its output when it fails. */
export function run(args: string[], env: Record<string, string>): Promise<string> {
  const { child, output } = launch(args, env);
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => (code === 0 ? resolve(output()) : reject(new Error(`${args.join(" ")} failed (${code}):\n${output()}`))));
  });
}
