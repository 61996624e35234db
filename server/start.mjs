// `npm start`: builds what is missing or older than its sources, then runs the server.
// Plain JavaScript because it runs before anything is compiled.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
// `node server/start.mjs [dist script] [its arguments...]`: the script's own arguments must not see the script's name.
const named = process.argv[2]?.endsWith(".js") ? process.argv.splice(2, 1)[0] : undefined;
const script = named ?? "server/main.js";

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function built(output) {
  return existsSync(output) ? statSync(output).mtimeMs : 0;
}

function run(npmScript) {
  process.stderr.write(`npm start: building (${npmScript})...\n`);
  const result = spawnSync("npm", ["run", "--silent", npmScript], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const server = join(root, "dist", "server", "main.js");
if (built(server) < newest(join(root, "server"))) run("build:server");
// The web client imports the domain core (the shared order rules), so a change to it rebuilds the client too.
const client = join(root, "dist", "client", "index.html");
const clientSources = Math.max(newest(join(root, "client")), newest(join(root, "server", "core")));
if (script === "server/main.js" && built(client) < clientSources) run("build:client");

await import(join(root, "dist", script));
