/**
 * Builds the staff client into dist/client, which the server serves at `/`: hashed file names
 * under assets/ (cached for a year), index.html revalidated. Nothing is inlined into the HTML,
 * so a Content-Security-Policy without 'unsafe-inline' will fit.
 */
import { fileURLToPath } from "node:url";
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

const clientDir = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root: clientDir,
  plugins: [preact()],
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    assetsDir: "assets",
    target: "es2022",
    // The polyfill would be an inline script; every browser the staff use preloads modules natively.
    modulePreload: { polyfill: false },
    // Small CSS stays a file (never inlined as a data: URL or a <style> block).
    assetsInlineLimit: 0,
    // Everything the first page needs in one script. Left alone, Rolldown moves what the page
    // shares with the later chunks (preact, urql) into a common chunk of its own: a second
    // request, and two files gzip worse than one (+0.5 kB).
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: "index", tags: ["$initial"] }] } } },
  },
  server: {
    // The client imports the shared order rules and contracts from server/core.
    fs: { allow: [repoRoot] },
    proxy: { "/graphql": "http://127.0.0.1:5000", "/export": "http://127.0.0.1:5000" },
  },
});
