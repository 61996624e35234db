/**
 * The shape of the code, checked from its import statements: the server's folders import only
 * downward (no folder imports one that imports it back, directly or through others), the domain
 * core imports nothing but itself, the client and cdk8s reach into the server only through the
 * core, and only the config modules read the environment.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/server-process.js";

/** The server's folders from the bottom up; `.` is the composition root (server.ts, main.ts). */
const LAYERS = ["core", "logging", "config", "database", "orders", "auth", "graphql", "http", "seed", "redact", "."] as const;
type Layer = (typeof LAYERS)[number];

interface Import {
  file: string;
  specifier: string;
  /** The imported file, relative to the repository, for relative specifiers. */
  target?: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "dist" || entry.name === "__snapshots__" ? [] : sourceFiles(path);
    return /\.(ts|tsx|mjs)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm;

function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  return [...text.matchAll(IMPORT)].map((match) => {
    const specifier = (match[3] ?? match[4])!;
    const target = specifier.startsWith(".") ? relative(ROOT, resolve(ROOT, dirname(file), specifier)) : undefined;
    return { file, specifier, ...(target ? { target } : {}), typeOnly: match[2] !== undefined };
  });
}

function layerOf(path: string): Layer | undefined {
  if (!path.startsWith("server/")) return undefined;
  const [first, second] = path.split("/").slice(1);
  return second === undefined ? "." : (LAYERS.find((layer) => layer === first) ?? undefined);
}

const serverImports = sourceFiles("server").flatMap(importsOf);

describe("the server's folders import only downward", () => {
  it("puts every server file in a known layer", () => {
    const files = [...new Set(serverImports.map((edge) => edge.file)), ...sourceFiles("server")];
    expect(files.filter((file) => layerOf(file) === undefined)).toEqual([]);
  });

  it("has no import from a folder to one above it (so no loops between folders)", () => {
    const upward = serverImports
      .filter((edge) => edge.target?.startsWith("server/"))
      .filter((edge) => LAYERS.indexOf(layerOf(edge.target!)!) > LAYERS.indexOf(layerOf(edge.file)!))
      .map((edge) => `${edge.file} imports ${edge.specifier}`);
    expect(upward).toEqual([]);
  });

  it("keeps the domain core pure: no package, no Node built-in, nothing outside the core", () => {
    const outside = serverImports
      .filter((edge) => layerOf(edge.file) === "core")
      .filter((edge) => edge.target === undefined || layerOf(edge.target) !== "core")
      .map((edge) => `${edge.file} imports ${edge.specifier}`);
    expect(outside).toEqual([]);
  });

  it("leaves the wiring to the composition root: HTTP and GraphQL never reach the store or the database", () => {
    const reaching = serverImports
      .filter((edge) => ["http", "graphql"].includes(layerOf(edge.file)!))
      .filter((edge) => edge.target !== undefined && !edge.typeOnly)
      .filter((edge) => /^server\/(orders\/(order-store|order.service|total-count-cache)|database\/database)\.js$/.test(edge.target!))
      .map((edge) => `${edge.file} imports ${edge.specifier}`);
    expect(reaching).toEqual([]);
  });
});

describe("the other parts use the server's contracts from the core alone", () => {
  it.each(["client/src", "client/vite.config.ts", "cdk8s"])("%s", (dir) => {
    const files = dir.endsWith(".ts") ? [dir] : sourceFiles(dir);
    const intoServer = files
      .flatMap(importsOf)
      .filter((edge) => edge.target?.startsWith("server/") && !edge.target.startsWith("server/core/"))
      .map((edge) => `${edge.file} imports ${edge.specifier}`);
    expect(intoServer).toEqual([]);
  });
});

describe("one module reads the environment", () => {
  it.each(["server", "cdk8s", "client/src"])("in %s, only its config", (dir) => {
    const readers = sourceFiles(dir).filter((file) => /\bprocess\.env\b/.test(readFileSync(join(ROOT, file), "utf8")));
    expect(readers.filter((file) => !/\/config(\/config)?\.ts$/.test(file))).toEqual([]);
  });
});
