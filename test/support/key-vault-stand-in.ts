/**
 * A local stand-in for Azure Key Vault: an HTTPS server, with a self-signed certificate made
 * here, that speaks the part of the Key Vault secrets REST API that `SecretClient.getSecret`
 * uses, including the bearer-token challenge. Azure cannot run here; the real SDK client talks
 * to this instead, so everything but Azure's own servers is exercised.
 */
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import type { TokenCredential } from "@azure/core-auth";
import { generate } from "selfsigned";

export const TEST_TOKEN = "stand-in-access-token";

export type SecretBehaviour =
  | { kind: "value"; value: string }
  /** Answers 429 (with a short Retry-After) this many times, then the value. */
  | { kind: "throttled"; times: number; value: string }
  /** Answers 503 this many times, then the value. */
  | { kind: "failing"; times: number; value: string }
  /** Never answers. */
  | { kind: "hanging" }
  /** The identity may not read it. */
  | { kind: "forbidden" };

export interface KeyVaultStandIn {
  url: string;
  /** The certificate to trust (SecretClient's tlsOptions.ca). */
  ca: string;
  secrets: Map<string, SecretBehaviour>;
  /** Every request: method, path and whether it carried the test token. */
  requests: Array<{ method: string; path: string; authorized: boolean }>;
  /** Forgets every secret, request and count. */
  reset(): void;
  close(): Promise<void>;
}

/** A credential that hands out the token the stand-in accepts, as a real one would after signing in. */
export const testCredential: TokenCredential = {
  async getToken() {
    return { token: TEST_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

export async function startKeyVaultStandIn(): Promise<KeyVaultStandIn> {
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    extensions: [{ name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }] }],
  });
  const secrets = new Map<string, SecretBehaviour>();
  const requests: KeyVaultStandIn["requests"] = [];
  const served = new Map<string, number>();
  const hanging = new Set<import("node:http").ServerResponse>();

  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
    const url = new URL(request.url ?? "/", "https://localhost");
    const authorized = request.headers.authorization === `Bearer ${TEST_TOKEN}`;
    requests.push({ method: request.method ?? "", path: url.pathname, authorized });
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
      response.end(JSON.stringify(body));
    };
    if (!request.headers.authorization) {
      // Key Vault's challenge: the client learns where to get a token, and for which resource.
      json(401, { error: { code: "Unauthorized", message: "AKV10000: Request is missing a Bearer or PoP token." } }, {
        "www-authenticate": 'Bearer authorization="https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000", resource="https://vault.azure.net"',
      });
      return;
    }
    if (!authorized) {
      json(401, { error: { code: "Unauthorized", message: "AKV10032: Invalid issuer." } });
      return;
    }
    const match = /^\/secrets\/([0-9a-zA-Z-]+)\/?([0-9a-f]*)$/.exec(url.pathname);
    if (request.method !== "GET" || !match || !url.searchParams.get("api-version")) {
      json(400, { error: { code: "BadParameter", message: "The request URI is not valid." } });
      return;
    }
    const name = match[1]!;
    const behaviour = secrets.get(name);
    const count = (served.get(name) ?? 0) + 1;
    served.set(name, count);
    if (!behaviour) {
      json(404, { error: { code: "SecretNotFound", message: `A secret with (name/id) ${name} was not found in this key vault.` } });
      return;
    }
    switch (behaviour.kind) {
      case "hanging":
        hanging.add(response);
        return;
      case "forbidden":
        json(403, { error: { code: "Forbidden", message: "Caller is not authorized to perform action on resource.", innererror: { code: "ForbiddenByRbac" } } });
        return;
      case "throttled":
        if (count <= behaviour.times) {
          json(429, { error: { code: "Throttled", message: "Rate limit exceeded." } }, { "retry-after-ms": "20", "retry-after": "1" });
          return;
        }
        break;
      case "failing":
        if (count <= behaviour.times) {
          json(503, { error: { code: "ServiceUnavailable", message: "The service is unavailable." } });
          return;
        }
        break;
      case "value":
        break;
    }
    const version = "0123456789abcdef0123456789abcdef";
    json(200, {
      value: behaviour.value,
      id: `https://localhost/secrets/${name}/${version}`,
      attributes: { enabled: true, created: 1_700_000_000, updated: 1_700_000_000, recoveryLevel: "Recoverable+Purgeable" },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://localhost:${port}/`,
    ca: pems.cert,
    secrets,
    requests,
    reset() {
      secrets.clear();
      served.clear();
      requests.length = 0;
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
