import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, gzip, constants as zlib } from "node:zlib";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { CONTENT_SECURITY_POLICY } from "./security.js";

/**
 * The built web client, held in memory (it is small) and compressed once, in the background
 * after start-up (brotli at its best setting takes a while; until it is done, files go out
 * uncompressed). Files under /assets/ have content hashes in their names and are cached for a
 * year; index.html is revalidated on every load so a new release is picked up at once.
 */
interface Asset {
  body: Buffer;
  gzip?: Buffer;
  brotli?: Buffer;
  type: string;
  etag: string;
  immutable: boolean;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".txt": "text/plain; charset=utf-8",
};

const COMPRESSIBLE = new Set([".html", ".js", ".css", ".svg", ".json", ".webmanifest", ".txt"]);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

function loadClientAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (!existsSync(join(dir, "index.html"))) return assets;
  for (const file of filesUnder(dir)) {
    const url = "/" + relative(dir, file).split(sep).join("/");
    const body = readFileSync(file);
    const extension = extname(file);
    const asset: Asset = {
      body,
      type: TYPES[extension] ?? "application/octet-stream",
      etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"`,
      immutable: url.startsWith("/assets/"),
    };
    assets.set(url, asset);
    if (COMPRESSIBLE.has(extension) && body.length > 512) compressInBackground(asset);
  }
  return assets;
}

function compressInBackground(asset: Asset): void {
  // On the libuv thread pool: start-up and requests go on meanwhile. A failure only costs compression.
  gzipAsync(asset.body, { level: 9 }).then((compressed) => (asset.gzip = compressed), () => undefined);
  brotliAsync(asset.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).then((compressed) => (asset.brotli = compressed), () => undefined);
}

function send(request: FastifyRequest, reply: FastifyReply, asset: Asset): FastifyReply {
  reply
    .header("content-type", asset.type)
    .header("cache-control", asset.immutable ? "public, max-age=31536000, immutable" : "no-cache")
    .header("etag", asset.etag)
    .header("vary", "accept-encoding");
  if (asset.type.startsWith("text/html")) reply.header("content-security-policy", CONTENT_SECURITY_POLICY);
  if (request.headers["if-none-match"] === asset.etag) return reply.code(304).send();
  const accepts = String(request.headers["accept-encoding"] ?? "");
  if (asset.brotli && /\bbr\b/.test(accepts)) return reply.header("content-encoding", "br").send(asset.brotli);
  if (asset.gzip && /\bgzip\b/.test(accepts)) return reply.header("content-encoding", "gzip").send(asset.gzip);
  return reply.send(asset.body);
}

/**
 * Serves the client at `/`. Paths without a file extension that a browser asks for as a page
 * get index.html, so a shared link to any screen of the app opens it.
 */
export function registerClientAssets(app: FastifyInstance, dir: string): void {
  const assets = loadClientAssets(dir);
  const index = assets.get("/index.html");
  app.get("/*", (request, reply) => {
    const path = request.url.split("?")[0]!;
    const asset = assets.get(path === "/" ? "/index.html" : path);
    if (asset) return send(request, reply, asset);
    const wantsPage = extname(path) === "" && String(request.headers.accept ?? "").includes("text/html");
    if (wantsPage && index) return send(request, reply, index);
    if (wantsPage) {
      return reply
        .code(503)
        .type("text/plain; charset=utf-8")
        .send("The web client has not been built. Run `npm start` (which builds it) or `npm run build`. The API is at /graphql.");
    }
    return reply.code(404).type("text/plain; charset=utf-8").send(`Not found: ${path}`);
  });
}
