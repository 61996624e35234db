/** The built server (dist/) as its own process, as `npm start` runs it. */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { recordTranscript } from "./transcripts.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

export function runNode(script: string, args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      recordTranscript("output", output);
      resolve(code);
    }),
  );
  return { child, output: () => output, exited };
}

/** Starts dist/server/main.js and waits for its "listening" line. */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<ServerProcess> {
  const run = runNode("dist/server/main.js", [], { HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "info", ...env });
  const started = Date.now();
  for (;;) {
    const line = run.output().split("\n").find((candidate) => candidate.includes('"orders service listening"'));
    if (line) return { ...run, url: (JSON.parse(line) as { url: string }).url };
    const code = await Promise.race([run.exited, new Promise((resolve) => setTimeout(() => resolve("waiting"), 50))]);
    if (code !== "waiting") throw new Error(`the server exited (${String(code)}) before listening:\n${run.output()}`);
    if (Date.now() - started > timeoutMs) {
      run.child.kill("SIGKILL");
      throw new Error(`the server did not listen within ${timeoutMs} ms:\n${run.output()}`);
    }
  }
}
