/**
 * One certificate per test run for the local HTTPS servers (the OpenID provider): made by the
 * global set-up, trusted by every process the run starts through NODE_EXTRA_CA_CERTS (which
 * Node reads only when a process starts, so it is set before any test worker exists).
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generate } from "selfsigned";

/** Makes the certificate, and the trust bundle that adds it to what this machine already trusts. */
export async function makeTestTls(): Promise<{ dir: string; env: Record<string, string> }> {
  const dir = mkdtempSync(join(tmpdir(), "orders-tls-"));
  // Servers the tests run as another user (the image's uid) must read the trust bundle.
  chmodSync(dir, 0o755);
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    extensions: [{ name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }] }],
  });
  const key = join(dir, "key.pem");
  const cert = join(dir, "cert.pem");
  const bundle = join(dir, "trusted.pem");
  writeFileSync(key, pems.private, { mode: 0o600 });
  writeFileSync(cert, pems.cert);
  const existing = process.env.NODE_EXTRA_CA_CERTS ? readFileSync(process.env.NODE_EXTRA_CA_CERTS, "utf8") : "";
  writeFileSync(bundle, `${existing}\n${pems.cert}`, { mode: 0o644 });
  return { dir, env: { TEST_TLS_KEY_FILE: key, TEST_TLS_CERT_FILE: cert, NODE_EXTRA_CA_CERTS: bundle } };
}

/** The run's key and certificate (in a test worker). */
export function testTls(): { key: string; cert: string } {
  const key = process.env.TEST_TLS_KEY_FILE;
  const cert = process.env.TEST_TLS_CERT_FILE;
  if (!key || !cert) throw new Error("TEST_TLS_KEY_FILE and TEST_TLS_CERT_FILE are set by test/global-setup.ts: run the tests through vitest");
  return { key: readFileSync(key, "utf8"), cert: readFileSync(cert, "utf8") };
}
