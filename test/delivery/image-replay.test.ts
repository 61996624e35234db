/**
 * The replay that the runtime bundle test relies on, on small made-up build contexts: it copies
 * what COPY copies (through .dockerignore), refuses what it cannot reproduce, and goes on without
 * a failed client build while reporting it.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseDockerfile } from "./dockerfile.js";
import { parseDockerIgnore } from "./dockerignore.js";
import { ImageReplay } from "./image-replay.js";

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A build context with the given files, and a place for the replay's stages. */
function context(files: Record<string, string>): { dir: string; work: string } {
  const root = mkdtempSync(join(tmpdir(), "orders-replay-"));
  roots.push(root);
  const dir = join(root, "context");
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return { dir, work: join(root, "stages") };
}

function replay(dockerfile: string, ignore: string, files: Record<string, string>): { run: ReturnType<ImageReplay["run"]> } {
  const { dir, work } = context(files);
  return { run: new ImageReplay(parseDockerfile(dockerfile), parseDockerIgnore(ignore), work, dir).run() };
}

describe("ImageReplay", () => {
  it("copies from the context what .dockerignore lets through, and between stages", async () => {
    const { run } = replay(
      "FROM node:20.20.2-bookworm-slim AS build\nWORKDIR /app\nCOPY src ./src\n" +
        "FROM node:20.20.2-bookworm-slim AS runtime\nWORKDIR /srv\nCOPY --from=build /app/src ./lib\nCMD [\"node\", \"lib/main.js\"]\n",
      "*\n!src/\n**/*.test.js\n",
      { "src/main.js": "", "src/main.test.js": "", "src/nested/util.js": "", "secret.env": "" },
    );
    const result = await run;
    expect(result.appDir.endsWith("/srv")).toBe(true);
    expect(readdirSync(join(result.appDir, "lib")).sort()).toEqual(["main.js", "nested"]);
    expect(result.cmd).toEqual(["node", "lib/main.js"]);
  });

  it("refuses to copy what .dockerignore leaves out of the context", async () => {
    const { run } = replay("FROM node:20.20.2-bookworm-slim\nWORKDIR /app\nCOPY data ./data\n", "*\n!src/\n", { "data/orders.sqlite": "" });
    await expect(run).rejects.toThrow(/line 3: COPY data: \.dockerignore leaves it out of the build context/);
  });

  it("refuses a RUN it does not know how to replay, naming the line", async () => {
    const { run } = replay("FROM node:20.20.2-bookworm-slim\nWORKDIR /app\nRUN curl -fsSL https://example.com/x.sh | sh\n", "", {});
    await expect(run).rejects.toThrow(/line 3: the runtime bundle replay does not know how to replay RUN "curl/);
  });

  it("refuses COPY --from a stage that does not exist", async () => {
    const { run } = replay("FROM node:20.20.2-bookworm-slim AS runtime\nWORKDIR /app\nCOPY --from=bulid /app/dist ./dist\n", "", {});
    await expect(run).rejects.toThrow(/COPY --from=bulid names no stage/);
  });

  it("goes on with the server build when `npm run build` fails, and reports the failure", async () => {
    const scripts = {
      build: "npm run build:server && npm run build:client",
      "build:server": "node -e \"require('fs').mkdirSync('dist/server', { recursive: true }); require('fs').writeFileSync('dist/server/main.js', '')\"",
      "build:client": "node -e \"console.error('client does not compile'); process.exit(1)\"",
    };
    const { run } = replay(
      "FROM node:20.20.2-bookworm-slim AS build\nWORKDIR /app\nCOPY package.json ./\nRUN npm run build\n" +
        "FROM node:20.20.2-bookworm-slim AS runtime\nWORKDIR /app\nCOPY --from=build /app/dist ./dist\n",
      "",
      { "package.json": JSON.stringify({ name: "replay-fixture", version: "1.0.0", private: true, scripts }) },
    );
    const result = await run;
    expect(existsSync(join(result.appDir, "dist/server/main.js"))).toBe(true);
    expect(result.failures.map((failure) => failure.step)).toEqual(["RUN npm run build"]);
    expect(result.failures[0]!.output).toContain("client does not compile");
  });

  it("replays ln -s inside the stage, with /tmp as a world-writable directory", async () => {
    const { run } = replay("FROM node:20.20.2-bookworm-slim\nWORKDIR /app\nRUN ln -s /tmp /app/data\n", "", {});
    const result = await run;
    expect(readdirSync(result.rootDir).sort()).toEqual(["app", "tmp"]);
    expect(readdirSync(result.appDir)).toEqual(["data"]);
  });
});
