/**
 * Drill: a server whose log reader has gone (the pipe's far end closed: EPIPE) or stopped
 * reading (the pipe is full: every write would wait) still stops on SIGTERM within
 * SHUTDOWN_TIMEOUT_MS. Writing its last log lines must not hold it: a synchronous flush that
 * retries a failed write for ever once kept such a server spinning for over an hour.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/server-process.js";

const SHUTDOWN_TIMEOUT_MS = 3_000;
const dir = mkdtempSync(join(tmpdir(), "orders-no-reader-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("SIGTERM when nobody reads the log", () => {
  it.each(["gone", "stuck"] as const)("still exits within SHUTDOWN_TIMEOUT_MS when the reader is %s", { timeout: 60_000 }, async (reader) => {
    const child = spawn(process.execPath, ["dist/server/main.js"], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        HOST: "127.0.0.1",
        PORT: "0",
        DATABASE_URL: `sqlite:${join(dir, `${reader}.sqlite`)}`,
        SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
        RATE_LIMIT_PER_MINUTE: "0",
      },
      stdio: ["ignore", "pipe", "ignore"],
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
    let output = "";
    const onData = (chunk: Buffer) => (output += chunk.toString());
    child.stdout!.on("data", onData);
    while (!output.includes('"orders service listening"')) {
      if (child.exitCode !== null) throw new Error(`the server exited before it listened:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const url = /"url":"([^"]+)"/.exec(output.split("\n").find((line) => line.includes("orders service listening"))!)![1]!;

    if (reader === "gone") {
      // From now on every write to stdout fails (EPIPE).
      child.stdout!.destroy();
    } else {
      // The pipe stays open but nobody reads: a few thousand request lines fill it, and writes wait.
      child.stdout!.off("data", onData);
      child.stdout!.pause();
      for (let batch = 0; batch < 20; batch += 1) {
        await Promise.all(Array.from({ length: 100 }, () => fetch(`${url}/healthz`).then((response) => response.text(), () => undefined)));
      }
    }

    const signalled = Date.now();
    child.kill("SIGTERM");
    const outcome = await Promise.race([exited, new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), SHUTDOWN_TIMEOUT_MS + 5_000))]);
    if (outcome === "hung") child.kill("SIGKILL");
    const tookMs = Date.now() - signalled;
    console.log(`shutdown drill, log reader ${reader}: ${outcome === "hung" ? "still running" : `exit ${outcome.code ?? outcome.signal}`} after ${tookMs} ms`);
    expect(outcome).not.toBe("hung");
    expect(tookMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 500);
  });
});
