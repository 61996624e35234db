/**
 * How much JavaScript the first page of the built client costs, against the budget.
 *
 *   npm run build:client && npx tsx client/bundle-size.ts [dist/client]
 *
 * "The first page" is every script the browser must fetch before it can render the list:
 * index.html's module scripts and module preloads, and everything they import statically.
 * Chunks reached only through import() (the add-order form) are listed apart: they load
 * when staff open the form. Sizes are gzip level 9, as the server sends them. Exits 1 over budget.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, posix, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

/** 25 kB, counted as 25,000 bytes (the stricter reading of "25 KB"). */
export const FIRST_PAGE_BUDGET_BYTES = 25_000;
export const DEFAULT_CLIENT_DIR = fileURLToPath(new URL("../dist/client/", import.meta.url));

export interface ScriptSize {
  /** Path under the client directory, e.g. assets/index-3f9a1c.js. */
  file: string;
  raw: number;
  gzip: number;
}

export interface BundleReport {
  firstPage: ScriptSize[];
  /** Scripts that are built but not needed for the first page (loaded on demand). */
  later: ScriptSize[];
  firstPageGzip: number;
  firstPageRaw: number;
  budget: number;
  overBudget: boolean;
}

// `<script type="module" src="/assets/x.js">` and `<link rel="modulepreload" href="/assets/y.js">`.
const HTML_SCRIPT = /<script\b[^>]*\bsrc="([^"]+\.js)"[^>]*>/g;
const HTML_PRELOAD = /<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+\.js)"[^>]*>/g;
// Static imports in a built chunk: `import{a as b}from"./c.js"`, `import"./d.js"`. Not `import("./e.js")`.
const STATIC_IMPORT = /\bimport\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g;

function sizeOf(dir: string, file: string): ScriptSize {
  const body = readFileSync(join(dir, file));
  return { file, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
}

function allScripts(dir: string, under = ""): string[] {
  return readdirSync(join(dir, under), { withFileTypes: true }).flatMap((entry) => {
    const path = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return allScripts(dir, path);
    return entry.name.endsWith(".js") ? [path] : [];
  });
}

/** The first page's scripts (entry points and their static imports), measured. */
export function measureBundle(clientDir: string = DEFAULT_CLIENT_DIR, budget = FIRST_PAGE_BUDGET_BYTES): BundleReport {
  const html = readFileSync(join(clientDir, "index.html"), "utf8");
  const entries = [...html.matchAll(HTML_SCRIPT), ...html.matchAll(HTML_PRELOAD)].map((match) => match[1]!.replace(/^\//, ""));
  if (entries.length === 0) throw new Error(`${join(clientDir, "index.html")} loads no script: is it a Vite build of client/?`);

  const needed = new Set<string>();
  const visit = (file: string): void => {
    if (needed.has(file)) return;
    needed.add(file);
    const code = readFileSync(join(clientDir, file), "utf8");
    for (const [, specifier] of code.matchAll(STATIC_IMPORT)) visit(posix.join(posix.dirname(file), specifier!));
  };
  entries.forEach(visit);

  const firstPage = [...needed].sort().map((file) => sizeOf(clientDir, file));
  const later = allScripts(clientDir)
    .filter((file) => !needed.has(file))
    .sort()
    .map((file) => sizeOf(clientDir, file));
  const firstPageGzip = firstPage.reduce((sum, script) => sum + script.gzip, 0);
  const firstPageRaw = firstPage.reduce((sum, script) => sum + script.raw, 0);
  return { firstPage, later, firstPageGzip, firstPageRaw, budget, overBudget: firstPageGzip > budget };
}

const kb = (bytes: number): string => `${(bytes / 1000).toFixed(2)} kB`;

export function formatReport(report: BundleReport): string {
  const width = Math.max(...[...report.firstPage, ...report.later].map((script) => script.file.length), 20);
  const line = (script: ScriptSize): string => `  ${script.file.padEnd(width)}  ${kb(script.raw).padStart(10)}  ${kb(script.gzip).padStart(10)}`;
  const laterGzip = report.later.reduce((sum, script) => sum + script.gzip, 0);
  return [
    `  ${"JavaScript for the first page".padEnd(width)}  ${"raw".padStart(10)}  ${"gzip".padStart(10)}`,
    ...report.firstPage.map(line),
    `  ${"total".padEnd(width)}  ${kb(report.firstPageRaw).padStart(10)}  ${kb(report.firstPageGzip).padStart(10)}   budget ${kb(report.budget)} gzip: ${
      report.overBudget ? `OVER by ${kb(report.firstPageGzip - report.budget)}` : `${kb(report.budget - report.firstPageGzip)} to spare`
    }`,
    ...(report.later.length > 0
      ? ["", `  ${"Loaded on demand (not in the budget)".padEnd(width)}`, ...report.later.map(line), `  ${"with the first page".padEnd(width)}  ${"".padStart(10)}  ${kb(report.firstPageGzip + laterGzip).padStart(10)}`]
      : []),
  ].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dir = resolve(process.argv[2] ?? DEFAULT_CLIENT_DIR);
  let report: BundleReport;
  try {
    report = measureBundle(dir);
  } catch (error) {
    process.stderr.write(`bundle-size: ${(error as Error).message}\nBuild the client first: npm run build:client\n`);
    process.exit(2);
  }
  process.stdout.write(`Client bundle in ${relative(process.cwd(), dir) || "."}\n${formatReport(report)}\n`);
  if (report.overBudget) {
    process.stderr.write(`bundle-size: the first page needs ${kb(report.firstPageGzip)} of JavaScript (gzip), over the ${kb(report.budget)} budget.\n`);
    process.exit(1);
  }
}
