/**
 * The built web client for browser tests. From a fresh clone (or after a change to client/ or
 * to the shared order rules) it is built first, exactly as `npm start` would build it.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../support/server-process.js";

export const REPO_ROOT = ROOT;
export const CLIENT_DIST = join(REPO_ROOT, "dist", "client");
/** What the client is built from: its own sources and the rules module it imports. */
const CLIENT_SOURCES = [join(REPO_ROOT, "client"), join(REPO_ROOT, "server", "orders")];
const VITE = join(REPO_ROOT, "node_modules", "vite", "bin", "vite.js");
const VITE_CONFIG = join(REPO_ROOT, "client", "vite.config.ts");

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry === "dist") continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

function clientBuildIsStale(): boolean {
  const index = join(CLIENT_DIST, "index.html");
  if (!existsSync(index)) return true;
  return statSync(index).mtimeMs < Math.max(...CLIENT_SOURCES.map(newest));
}

/** Runs the production build (`vite build --config client/vite.config.ts`), into outDir when given. */
export function buildClient(outDir?: string): Promise<void> {
  const args = [VITE, "build", "--config", VITE_CONFIG, "--logLevel", "warn", ...(outDir ? ["--outDir", outDir, "--emptyOutDir"] : [])];
  return new Promise((resolve, reject) => {
    // NODE_ENV=test (set by vitest) would make Vite keep the libraries' development code.
    const env = { ...process.env, NODE_ENV: "production" };
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`building the web client failed (vite exited with ${code}):\n${output}`));
    });
  });
}

/** dist/client, built first when it is missing or older than its sources. */
export async function ensureClientBuilt(): Promise<string> {
  if (clientBuildIsStale()) await buildClient();
  return CLIENT_DIST;
}
