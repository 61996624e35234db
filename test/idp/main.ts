/**
 * `npm run idp [-- --port 5556 --public-url http://localhost:5000]`: a local OpenID provider to
 * try sign-in with, and the command that starts Orders against it. Its certificate, client
 * secrets and the session secret are made once and kept in data/idp/ (not committed).
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "selfsigned";
import { ROOT } from "../support/server-process.js";
import { ROLE_READ, ROLE_WRITE, startIdentityProvider, TEST_USERS } from "./identity-provider.js";

interface LocalSettings {
  webSecret: string;
  toolSecret: string;
  sessionSecret: string;
}

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}

const port = Number(option("port", "5556"));
const publicUrl = option("public-url", "http://localhost:5000").replace(/\/+$/, "");
if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  process.stderr.write(`idp: --port must be a port number (got "${option("port", "")}")\n`);
  process.exit(2);
}

const dir = join(ROOT, "data", "idp");
mkdirSync(dir, { recursive: true });
const keyFile = join(dir, "key.pem");
const certFile = join(dir, "cert.pem");
if (!existsSync(keyFile) || !existsSync(certFile)) {
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    extensions: [{ name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }] }],
  });
  writeFileSync(keyFile, pems.private, { mode: 0o600 });
  writeFileSync(certFile, pems.cert);
}
const settingsFile = join(dir, "settings.json");
const settings: LocalSettings = existsSync(settingsFile)
  ? (JSON.parse(readFileSync(settingsFile, "utf8")) as LocalSettings)
  : { webSecret: randomBytes(24).toString("base64url"), toolSecret: randomBytes(24).toString("base64url"), sessionSecret: randomBytes(48).toString("base64") };
writeFileSync(settingsFile, JSON.stringify(settings, null, 2), { mode: 0o600 });

const idp = await startIdentityProvider({ key: readFileSync(keyFile, "utf8"), cert: readFileSync(certFile, "utf8"), port, host: "localhost", audience: "api://orders-local" });
idp.registerWebClient(publicUrl, { clientId: "orders-local", clientSecret: settings.webSecret });
idp.registerToolClient([ROLE_READ, ROLE_WRITE], { clientId: "orders-local-tool", clientSecret: settings.toolSecret });

const users = Object.entries(TEST_USERS)
  .map(([login, user]) => `  ${login.padEnd(7)} ${user.name} (${user.roles.join(", ") || "no role"})`)
  .join("\n");
process.stdout.write(`A local OpenID provider is running at ${idp.issuer} (Ctrl+C stops it).

Sign in as one of these (any password):
${users}

Start Orders against it, in another terminal:

  NODE_EXTRA_CA_CERTS=data/idp/cert.pem AUTH_MODE=oidc OIDC_ISSUER=${idp.issuer} OIDC_CLIENT_ID=orders-local \\
  OIDC_CLIENT_SECRET=${settings.webSecret} OIDC_AUDIENCE=api://orders-local \\
  PUBLIC_URL=${publicUrl} SESSION_SECRET=${settings.sessionSecret} npm start

then open ${publicUrl}. The provider's certificate is made here and self-signed: your browser
warns once about ${idp.issuer}; accept it for this computer only.

A token for a tool (both roles):

  curl --cacert data/idp/cert.pem -d grant_type=client_credentials -d client_id=orders-local-tool \\
    -d client_secret=${settings.toolSecret} -d resource=api://orders-local -d scope=orders ${idp.issuer}/token

`);

const stop = (): void => void idp.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
