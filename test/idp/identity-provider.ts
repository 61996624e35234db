/**
 * A real OpenID provider for the tests and for trying sign-in locally: oidc-provider (a
 * certified implementation) over HTTPS, with a reader and a writer (and a user with no role),
 * JWT access tokens for the Orders API carrying the `roles` claim as Entra's do, and a way for
 * tests to register the server as a client and to craft tokens that must be refused.
 * Entra ID itself cannot run here; this stands in for it.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, request, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from "jose";
import Provider, { type Adapter, type AdapterPayload, type Configuration, type KoaContextWithOIDC } from "oidc-provider";

export const ROLE_READ = "Orders.Read";
export const ROLE_WRITE = "Orders.Write";

/** The people who can sign in (any password): the sign-in page takes one of these user names. */
export const TEST_USERS = {
  reader: { name: "Rita Reader", roles: [ROLE_READ] },
  writer: { name: "Walter Writer", roles: [ROLE_WRITE] },
  nobody: { name: "Nina Norole", roles: [] as string[] },
} as const;
export type TestUser = keyof typeof TEST_USERS;

/** What a test server is told: the identity provider's side of its configuration. */
export interface WebClient {
  clientId: string;
  clientSecret: string;
}

export interface TestIdentityProvider {
  issuer: string;
  /** The audience of the Orders API's access tokens (OIDC_AUDIENCE). */
  audience: string;
  /** Registers the Orders server at `publicUrl` as a confidential web client. */
  registerWebClient(publicUrl: string, client?: Partial<WebClient>): WebClient;
  /** Registers a tool that gets access tokens with these roles (client credentials). */
  registerToolClient(roles: readonly string[], client?: Partial<WebClient>): WebClient;
  /** A real access token from the provider (client credentials) for a tool holding these roles. */
  toolToken(roles: readonly string[]): Promise<string>;
  /** A token signed with the provider's own key (or another key, or none) for the refusal tests. */
  craftToken(claims: JWTPayload & Record<string, unknown>, options?: { key?: "provider" | "other"; alg?: string; kid?: string }): Promise<string>;
  stop(): Promise<void>;
}

/** oidc-provider's storage, in memory, with clients registrable at run time. */
class MemoryAdapter implements Adapter {
  static readonly store = new Map<string, AdapterPayload>();
  constructor(private readonly model: string) {}
  private key(id: string): string {
    return `${this.model}:${id}`;
  }
  async upsert(id: string, payload: AdapterPayload): Promise<void> {
    MemoryAdapter.store.set(this.key(id), payload);
  }
  async find(id: string): Promise<AdapterPayload | undefined> {
    return MemoryAdapter.store.get(this.key(id));
  }
  async findByUserCode(): Promise<undefined> {
    return undefined;
  }
  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    for (const [key, payload] of MemoryAdapter.store) if (key.startsWith(`${this.model}:`) && payload.uid === uid) return payload;
    return undefined;
  }
  async consume(id: string): Promise<void> {
    const payload = MemoryAdapter.store.get(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string): Promise<void> {
    MemoryAdapter.store.delete(this.key(id));
  }
  async revokeByGrantId(grantId: string): Promise<void> {
    for (const [key, payload] of MemoryAdapter.store) if (payload.grantId === grantId) MemoryAdapter.store.delete(key);
  }
}

async function postForm(url: string, ca: string, form: Record<string, string>): Promise<Record<string, string | undefined>> {
  const text = await new Promise<string>((resolve, reject) => {
    const outgoing = request(url, { method: "POST", ca, headers: { "content-type": "application/x-www-form-urlencoded" } }, (response) => {
      let data = "";
      response.on("data", (chunk: Buffer) => (data += chunk.toString()));
      response.on("end", () => resolve(data));
    });
    outgoing.on("error", reject);
    outgoing.end(new URLSearchParams(form).toString());
  });
  return JSON.parse(text) as Record<string, string | undefined>;
}

export interface IdentityProviderOptions {
  key: string;
  cert: string;
  port?: number;
  host?: string;
  audience?: string;
  /** How long access tokens live (a benchmark outlasts the default ten minutes). */
  accessTokenTtlSeconds?: number;
}

export async function startIdentityProvider({
  key,
  cert,
  port = 0,
  host = "127.0.0.1",
  audience = "api://orders-test",
  accessTokenTtlSeconds = 600,
}: IdentityProviderOptions): Promise<TestIdentityProvider> {
  let handler: ((request: import("node:http").IncomingMessage, response: import("node:http").ServerResponse) => void) | undefined;
  const server: Server = createServer({ key, cert }, (request, response) => handler!(request, response));
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const issuer = `https://${host === "127.0.0.1" ? "127.0.0.1" : host}:${(server.address() as AddressInfo).port}`;

  const signing = await generateKeyPair("RS256", { extractable: true });
  const kid = randomUUID();
  const privateJwk: JWK = { ...(await exportJWK(signing.privateKey)), kid, alg: "RS256", use: "sig" };
  const toolRoles = new Map<string, readonly string[]>();

  const configuration: Configuration = {
    adapter: MemoryAdapter,
    jwks: { keys: [privateJwk] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    // roles with the openid scope, into the ID token as well: Entra puts app roles in both tokens.
    claims: { openid: ["sub", "roles"], profile: ["name"] },
    conformIdTokenClaims: false,
    findAccount: async (_ctx, id) => {
      const user = TEST_USERS[id as TestUser];
      if (!user) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, name: user.name, roles: [...user.roles] }) };
    },
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => audience,
        useGrantedResource: async () => true,
        getResourceServerInfo: async () => ({ scope: "orders", audience, accessTokenFormat: "jwt", accessTokenTTL: accessTokenTtlSeconds, jwt: { sign: { alg: "RS256" } } }),
      },
    },
    extraTokenClaims: async (_ctx: KoaContextWithOIDC, token) => {
      if (token.kind === "ClientCredentials") return { roles: [...(toolRoles.get(token.clientId ?? "") ?? [])] };
      const user = TEST_USERS[(token as { accountId?: string }).accountId as TestUser];
      return user ? { roles: [...user.roles], name: user.name } : undefined;
    },
    // First-party app: no consent page (Entra admin consent does the same).
    loadExistingGrant: async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId || !ctx.oidc.client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
      grant.addOIDCScope("openid profile");
      grant.addResourceScope(audience, "orders");
      await grant.save();
      return grant;
    },
    ttl: { AccessToken: accessTokenTtlSeconds, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600, AuthorizationCode: 60, ClientCredentials: accessTokenTtlSeconds },
  };
  const provider = new Provider(issuer, configuration);
  handler = provider.callback();

  const registerClient = (clientId: string, metadata: AdapterPayload) => {
    MemoryAdapter.store.set(`Client:${clientId}`, { client_id: clientId, ...metadata });
  };

  const registerToolClient = (roles: readonly string[], { clientId = `tool-${randomUUID()}`, clientSecret = randomBytes(24).toString("base64url") }: Partial<WebClient> = {}): WebClient => {
    registerClient(clientId, { client_secret: clientSecret, grant_types: ["client_credentials"], response_types: [], redirect_uris: [], token_endpoint_auth_method: "client_secret_post" });
    toolRoles.set(clientId, roles);
    return { clientId, clientSecret };
  };

  return {
    issuer,
    audience,
    registerWebClient(publicUrl, { clientId = `orders-${randomUUID()}`, clientSecret = randomBytes(24).toString("base64url") } = {}) {
      registerClient(clientId, {
        client_secret: clientSecret,
        redirect_uris: [`${publicUrl}/auth/callback`],
        post_logout_redirect_uris: [`${publicUrl}/`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      });
      return { clientId, clientSecret };
    },
    registerToolClient,
    async toolToken(roles) {
      const { clientId, clientSecret } = registerToolClient(roles);
      // Over https.request with the provider's own certificate: works in any process, whatever it trusts.
      const body = await postForm(`${issuer}/token`, cert, {
        grant_type: "client_credentials",
        client_id: clientId,
        client_secret: clientSecret,
        resource: audience,
        scope: "orders",
      });
      if (!body.access_token) throw new Error(`the identity provider issued no token: ${body.error}: ${body.error_description}`);
      return body.access_token;
    },
    async craftToken(claims, options = {}) {
      const alg = options.alg ?? "RS256";
      if (alg === "none") {
        const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
        return `${encode({ alg: "none", typ: "JWT" })}.${encode(claims)}.`;
      }
      const signingKey = options.key === "other" ? (await generateKeyPair(alg, { extractable: true })).privateKey : signing.privateKey;
      return new SignJWT(claims).setProtectedHeader({ alg, kid: options.kid ?? kid, typ: "at+jwt" }).sign(signingKey);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
