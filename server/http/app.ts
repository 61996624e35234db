import { randomUUID } from "node:crypto";
import fastifyApollo, { fastifyApolloDrainPlugin } from "@as-integrations/fastify";
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from "fastify";
import type { AppConfig } from "../config/config.js";
import { GRAPHQL_PATH, HEALTH_PATH, READY_PATH } from "../core/contracts.js";
import type { Authenticator } from "../auth/authenticator.js";
import type { SignInFlow } from "../auth/sign-in-flow.js";
import { createGraphQLServer } from "../graphql/apollo-server.js";
import type { GraphQLContext, GraphQLServices } from "../graphql/context.js";
import { httpErrorReply } from "../graphql/errors.js";
import { scrubCardNumbers } from "../logging/card-number-scrubber.js";
import type { Logger } from "../logging/logger.js";
import { registerAccess } from "./access.js";
import { registerAuthRoutes } from "./auth-routes.js";
import { registerClientAssets } from "./client-assets.js";
import { registerExport } from "./export-route.js";
import { clientKey, registerSecurity } from "./security.js";

export type AppSettings = Pick<
  AppConfig,
  | "nodeEnv"
  | "rateLimitPerMinute"
  | "trustProxy"
  | "corsOrigins"
  | "maxBodyBytes"
  | "requestTimeoutMs"
  | "graphqlTimeoutMs"
  | "graphqlLimits"
>;

export interface AppDependencies {
  settings: AppSettings;
  logger: Logger;
  /** What GraphQL serves. */
  services: GraphQLServices;
  /** What /readyz asks: the database, by a name without credentials, and a ping that fails when it does not answer in time. */
  database: { name: string; ping(timeoutMs: number): Promise<void> };
  /** Who is calling, and (with sign-in on) the browser's sign-in flow. */
  access: {
    authenticator: Authenticator;
    signIn?: SignInFlow;
    /** Host names this server answers (ALLOWED_HOSTS). */
    allowedHosts: readonly string[];
    /** PUBLIC_URL, when known: its origin is where staff pages come from. */
    publicUrl?: string;
  };
  /** The built web client (dist/client); served at `/` when present. */
  clientDir?: string;
}

/** How long /readyz waits for the database before it reports it down. */
const READY_TIMEOUT_MS = 2_000;
const REQUEST_ID = /^[\w.:-]{1,100}$/;

function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

/** One line per request, when it completes (Fastify's default is two: on arrival and on completion). */
class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { method: request.method, url: request.url.split("?")[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (error) reply.log.error({ ...line, err: { type: error.name, message: error.message } }, "request failed");
    else reply.log.info(line, "request");
  }
}

/** Builds the HTTP app (not listening): GraphQL, health probes, the web client. */
export async function createApp({ settings, logger, services, database, access, clientDir }: AppDependencies): Promise<FastifyInstance> {
  const production = settings.nodeEnv === "production";
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new RequestLog(),
    // A caller's (or the ingress's) request id is kept, so one id follows a request everywhere.
    genReqId: (request) => {
      const given = request.headers["x-request-id"];
      // Kept only when it is an id, not something (a card number) that must not be logged or echoed.
      return typeof given === "string" && REQUEST_ID.test(given) && scrubCardNumbers(given) === given ? given : randomUUID();
    },
    bodyLimit: settings.maxBodyBytes,
    // Node answers a request still arriving after this with 408 and closes the connection: a body
    // sent a byte at a time cannot hold a connection (and its memory) open for ever.
    requestTimeout: settings.requestTimeoutMs,
    // Given to Node's http.createServer as well: set only afterwards (as Fastify does), Node 24
    // times out slow headers but never a slow body. And how often Node looks for such requests
    // (its default, 30 s, would let one overstay by as much).
    http: { requestTimeout: settings.requestTimeoutMs, connectionsCheckingInterval: Math.min(1_000, settings.requestTimeoutMs / 4) },
    // Fastify takes a hop count as a function of the hop (its types leave the number out).
    trustProxy: typeof settings.trustProxy === "number" ? trustHops(settings.trustProxy) : settings.trustProxy,
    return503OnClosing: true,
    forceCloseConnections: "idle",
  });

  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  // Errors outside GraphQL (a body too large, malformed JSON): the caller's own mistakes keep
  // Fastify's message; ours become a generic one with the request id, the detail goes to the log.
  app.setErrorHandler<FastifyError>((error, request, reply) => {
    const { statusCode, body } = httpErrorReply(error.statusCode, error.message, request.id);
    if (statusCode >= 500) request.log.error({ err: { type: error.name, message: error.message, stack: error.stack } }, "unexpected error");
    return reply.code(statusCode).send(body);
  });
  // Not Fastify's default, which quotes the path back (and a path may hold anything, a card number included).
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ statusCode: 404, error: "Not Found", message: `Nothing here: the API is at ${GRAPHQL_PATH}.`, requestId: request.id }),
  );
  // Before rate limiting, which counts per signed-in caller.
  registerAccess(app, {
    authenticator: access.authenticator,
    allowedHosts: access.allowedHosts,
    ...(access.publicUrl ? { publicOrigin: new URL(access.publicUrl).origin } : {}),
  });
  await registerSecurity(app, settings);
  registerAuthRoutes(app, { mode: access.authenticator.mode, ...(access.signIn ? { flow: access.signIn } : {}) });
  registerExport(app, services.orders);

  const apollo = await createGraphQLServer({
    production,
    limits: settings.graphqlLimits,
    plugins: [fastifyApolloDrainPlugin(app)],
  });
  await app.register(fastifyApollo(apollo), {
    path: GRAPHQL_PATH,
    context: async (request): Promise<GraphQLContext> => {
      const authentication = request.authentication;
      // access.ts answers 401 before GraphQL for a request without a caller.
      if (!authentication?.ok) throw new Error("a GraphQL request reached the API without a caller");
      return {
        ...services,
        caller: authentication.caller,
        clientKey: clientKey(request),
        recordsCaller: authentication.via !== "off",
        additions: services.orders.additionsLoader(),
        requestId: request.id,
        logger: request.log,
        deadline: Date.now() + settings.graphqlTimeoutMs,
        timeoutMs: settings.graphqlTimeoutMs,
      };
    },
  });

  app.get(HEALTH_PATH, async () => ({ status: "ok" }));
  app.get(READY_PATH, async (request, reply) => {
    try {
      await database.ping(READY_TIMEOUT_MS);
      return { status: "ready" };
    } catch (error) {
      request.log.warn({ database: database.name, reason: (error as Error).message }, "not ready");
      return reply.code(503).send({ status: "unavailable", reason: "The database does not answer." });
    }
  });

  if (clientDir) registerClientAssets(app, clientDir);
  return app;
}
