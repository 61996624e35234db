/**
 * Sign-in for the tests: the real OpenID provider (test/idp), a server configured to use it,
 * and a browser's sign-in walked with fetch (for tests that need a session but no Chromium).
 */
import { createServer } from "node:net";
import { ROLE_READ, ROLE_WRITE, type TestIdentityProvider, type TestUser } from "../idp/identity-provider.js";
import { TEST_SECRETS } from "./secrets.js";
import { recordSecret } from "./transcripts.js";

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The environment of a server at http://127.0.0.1:<port> that signs staff in with `idp` (a client registered for it). */
export function signInEnv(idp: TestIdentityProvider, port: number): Record<string, string> {
  const publicUrl = `http://127.0.0.1:${port}`;
  const client = idp.registerWebClient(publicUrl);
  recordSecret(client.clientSecret);
  return {
    PORT: String(port),
    AUTH_MODE: "oidc",
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: client.clientId,
    OIDC_CLIENT_SECRET: client.clientSecret,
    OIDC_AUDIENCE: idp.audience,
    PUBLIC_URL: publicUrl,
    SESSION_SECRET: TEST_SECRETS.sessionSecret,
  };
}

/**
 * A production server for tests that call it as a tool does: sign-in on (production refuses
 * it off), answering at 127.0.0.1, and a real access token with both roles to send.
 */
export async function productionAccess(idp: TestIdentityProvider): Promise<{ env: Record<string, string>; headers: Record<string, string> }> {
  const publicUrl = "https://orders.example.test";
  const client = idp.registerWebClient(publicUrl);
  const token = await idp.toolToken([ROLE_READ, ROLE_WRITE]);
  recordSecret(client.clientSecret);
  recordSecret(token);
  return {
    env: {
      NODE_ENV: "production",
      AUTH_MODE: "oidc",
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: client.clientId,
      OIDC_CLIENT_SECRET: client.clientSecret,
      OIDC_AUDIENCE: idp.audience,
      PUBLIC_URL: publicUrl,
      ALLOWED_HOSTS: "127.0.0.1",
      SESSION_SECRET: TEST_SECRETS.sessionSecret,
    },
    headers: { authorization: `Bearer ${token}` },
  };
}

/** A few cookies, per origin, as a browser keeps them (enough for a sign-in). */
class CookieJar {
  private readonly jars = new Map<string, Map<string, string>>();
  take(url: string, response: Response): void {
    const jar = this.jars.get(new URL(url).origin) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const separator = pair.indexOf("=");
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      if (/max-age=0/i.test(line) || value === "") jar.delete(name);
      else jar.set(name, value);
    }
    this.jars.set(new URL(url).origin, jar);
  }
  header(url: string): string {
    return [...(this.jars.get(new URL(url).origin) ?? [])].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/**
 * Signs `user` in at the server as a browser would: /auth/login, the provider's sign-in page,
 * back to /auth/callback. Returns the session cookie (as a Cookie header) and where it landed.
 */
export async function signInWithFetch(serverUrl: string, user: TestUser, returnTo = "/"): Promise<{ cookie: string; landedOn: string }> {
  const jar = new CookieJar();
  let url = `${serverUrl}/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
  let init: RequestInit = {};
  for (let step = 0; step < 12; step += 1) {
    const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: jar.header(url), accept: "text/html" } });
    jar.take(url, response);
    const location = response.headers.get("location");
    if (location) {
      const next = new URL(location, url).href;
      if (url.startsWith(`${serverUrl}/auth/callback`)) {
        const cookie = jar.header(serverUrl);
        recordSecret(cookie);
        return { cookie, landedOn: next.slice(serverUrl.length) };
      }
      url = next;
      init = {};
      continue;
    }
    const page = await response.text();
    const form = /<form[^>]*action="([^"]+)"[^>]*method="post"/.exec(page);
    if (!form || !page.includes('name="login"')) throw new Error(`sign-in stopped at ${url} (${response.status}): ${page.slice(0, 300)}`);
    url = new URL(form[1]!.replaceAll("&amp;", "&"), url).href;
    init = {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ prompt: "login", login: user, password: "any password" }).toString(),
    };
  }
  throw new Error("sign-in did not come back to /auth/callback");
}
