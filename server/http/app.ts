import { randomUUID } from "node:crypto";
import { STATUS_CODES } from "node:http";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import fastifyApollo, { fastifyApolloDrainPlugin } from "@as-integrations/fastify";
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from "fastify";
import type { AppConfig } from "../config/config.js";
import { describeDatabase } from "../config/database-url.js";
import type { Database } from "../database/database.js";
import type { GraphQLContext } from "../graphql/context.js";
import { createFormatError, INTERNAL_ERROR_MESSAGE } from "../graphql/errors.js";
import { graphqlLimits } from "../graphql/limits.js";
import { requestErrorsPlugin } from "../graphql/request-errors.plugin.js";
import { buildOrdersSchema } from "../graphql/schema.js";
import type { Logger } from "../logging/logger.js";
import { OrderService } from "../orders/order.service.js";
import { OrderStore } from "../orders/order-store.js";
import { TotalCountCache } from "../orders/total-count-cache.js";
import { registerClientAssets } from "./client-assets.js";
import { registerSecurity } from "./security.js";
import { GRAPHQL_PATH, HEALTH_PATH, READY_PATH } from "./routes.js";

export type AppSettings = Pick<
  AppConfig,
  | "nodeEnv"
  | "totalCountTtlMs"
  | "rateLimitPerMinute"
  | "trustProxy"
  | "corsOrigins"
  | "maxBodyBytes"
  | "graphqlTimeoutMs"
  | "graphqlLimits"
>;

export interface AppDependencies {
  settings: AppSettings;
  database: Database;
  logger: Logger;
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
export async function createApp({ settings, database, logger, clientDir }: AppDependencies): Promise<FastifyInstance> {
  const production = settings.nodeEnv === "production";
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new RequestLog(),
    // A caller's (or the ingress's) request id is kept, so one id follows a request everywhere.
    genReqId: (request) => {
      const given = request.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: settings.maxBodyBytes,
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
    const status = typeof error.statusCode === "number" && error.statusCode >= 400 ? error.statusCode : 500;
    if (status < 500) return reply.code(status).send({ statusCode: status, error: STATUS_CODES[status] ?? "Bad Request", message: error.message });
    request.log.error({ err: { type: error.name, message: error.message, stack: error.stack } }, "unexpected error");
    return reply.code(status).send({ statusCode: status, error: "Internal Server Error", message: INTERNAL_ERROR_MESSAGE, requestId: request.id });
  });
  await registerSecurity(app, settings);

  const store = new OrderStore(database);
  const counts = new TotalCountCache((filter) => store.count(filter), {
    ttlMs: settings.totalCountTtlMs,
    ...(database.changeMarker ? { changeMarker: database.changeMarker } : {}),
    onRecountError: (error) => logger.warn({ err: { message: (error as Error).message } }, "recounting orders failed; the previous count is served"),
  });
  const orders = new OrderService(store, counts);
  // Count the whole list now, in the background, so that the first visitor does not wait for it.
  counts.get({}).catch((error: unknown) => logger.warn({ err: { message: (error as Error).message } }, "counting orders at start-up failed"));

  const limits = graphqlLimits(settings.graphqlLimits);
  const apollo = new ApolloServer<GraphQLContext>({
    schema: await buildOrdersSchema(),
    formatError: createFormatError({ production }),
    includeStacktraceInErrorResponses: false,
    introspection: !production,
    allowBatchedHttpRequests: false,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    plugins: [
      fastifyApolloDrainPlugin(app),
      requestErrorsPlugin(),
      limits.plugin,
      // We set no cache hints; the plugin's per-field wrapper costs about a tenth of a request.
      ApolloServerPluginCacheControlDisabled(),
      production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    ],
  });
  await apollo.start();
  await app.register(fastifyApollo(apollo), {
    path: GRAPHQL_PATH,
    context: async (request) => ({
      orders,
      requestId: request.id,
      logger: request.log,
      deadline: Date.now() + settings.graphqlTimeoutMs,
      timeoutMs: settings.graphqlTimeoutMs,
    }),
  });

  app.get(HEALTH_PATH, async () => ({ status: "ok" }));
  app.get(READY_PATH, async (request, reply) => {
    try {
      await database.ping(READY_TIMEOUT_MS);
      return { status: "ready" };
    } catch (error) {
      request.log.warn({ database: describeDatabase(database.settings), reason: (error as Error).message }, "not ready");
      return reply.code(503).send({ status: "unavailable", reason: "The database does not answer." });
    }
  });

  if (clientDir) registerClientAssets(app, clientDir);
  return app;
}
