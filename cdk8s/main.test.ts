/** `npm run synth` end to end: a child process, as CI runs it, writing to a temporary directory. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PROD_ENV, synthManifests } from "./test-helpers.js";

const ROOT = join(import.meta.dirname, "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

function runSynth(env: Record<string, string>) {
  // Only what the test sets: a developer's own DEPLOY_ENV or IMAGE must not leak in.
  const { PATH, HOME } = process.env;
  return spawnSync(TSX, ["cdk8s/main.ts"], { cwd: ROOT, encoding: "utf8", env: { PATH, HOME, ...env } });
}

describe("cdk8s/main.ts", () => {
  let outdir: string;
  beforeEach(() => {
    outdir = mkdtempSync(join(tmpdir(), "orders-cdk8s-"));
  });
  afterEach(() => rmSync(outdir, { recursive: true, force: true }));

  it("writes only the chosen environment's manifest, the same objects the tests check", () => {
    writeFileSync(join(outdir, "orders-dev.k8s.yaml"), "stale");
    writeFileSync(join(outdir, "notes.txt"), "not ours");

    const result = runSynth({ ...PROD_ENV, CDK8S_OUTDIR: outdir });

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(readdirSync(outdir).sort()).toEqual(["notes.txt", "orders-prod.k8s.yaml"]);
    const written = parseAllDocuments(readFileSync(join(outdir, "orders-prod.k8s.yaml"), "utf8")).map((d) => d.toJS());
    expect(written).toEqual(synthManifests(PROD_ENV).objects);
  });

  it("exits 1 with the reason, writing nothing, when prod is given an unpinned image", () => {
    const result = runSynth({ ...PROD_ENV, IMAGE: "myacr.azurecr.io/orders:latest", CDK8S_OUTDIR: outdir });

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/IMAGE "myacr.azurecr.io\/orders:latest" is tagged "latest"/);
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
    expect(existsSync(join(outdir, "orders-prod.k8s.yaml"))).toBe(false);
  });
});

describe("cdk8s.yaml", () => {
  it("runs main.ts with tsx and writes to dist, for `npx cdk8s synth` from cdk8s/", () => {
    const config = parseAllDocuments(readFileSync(join(import.meta.dirname, "cdk8s.yaml"), "utf8"))[0]!.toJS();
    expect(config).toEqual({ language: "typescript", app: "npx tsx main.ts", output: "dist" });
    expect(existsSync(join(import.meta.dirname, "main.ts"))).toBe(true);
  });
});
